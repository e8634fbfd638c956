using Microsoft.ML.OnnxRuntime;

namespace Muybridge.Video.Onnx.Sessions;

internal static class ProviderRegistration
{
    /// <summary>The name ONNX Runtime reports for each provider.</summary>
    public static string NativeName(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cpu => "CPUExecutionProvider",
        ExecutionProvider.Cuda => "CUDAExecutionProvider",
        ExecutionProvider.DirectML => "DmlExecutionProvider",
        ExecutionProvider.TensorRT => "TensorrtExecutionProvider",
        ExecutionProvider.CoreML => "CoreMLExecutionProvider",
        ExecutionProvider.OpenVino => "OpenVINOExecutionProvider",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The NuGet package that carries a provider's native library.</summary>
    public static string Package(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cpu => "Microsoft.ML.OnnxRuntime",
        ExecutionProvider.Cuda => "Microsoft.ML.OnnxRuntime.Gpu (plus CUDA 12/13 and cuDNN 9 on the machine)",
        ExecutionProvider.DirectML => "Microsoft.ML.OnnxRuntime.DirectML (Windows only), instead of Microsoft.ML.OnnxRuntime",
        ExecutionProvider.TensorRT => "Microsoft.ML.OnnxRuntime.Gpu with TensorRT installed",
        ExecutionProvider.CoreML => "Microsoft.ML.OnnxRuntime on macOS or iOS",
        ExecutionProvider.OpenVino => "Intel.ML.OnnxRuntime.OpenVino",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static void Append(SessionOptions options, ExecutionProvider provider, int deviceId)
    {
        if (provider == ExecutionProvider.Cpu)
        {
            return;
        }

        var available = OnnxRuntimeInfoInternal.Available();
        if (!available.Contains(NativeName(provider)))
        {
            throw new ProviderUnavailableException(
                $"{provider} is not in the loaded ONNX Runtime native library (it has {string.Join(", ", available)}). Reference {Package(provider)}.");
        }

        try
        {
            switch (provider)
            {
                case ExecutionProvider.Cuda:
                    options.AppendExecutionProvider_CUDA(deviceId);
                    break;
                case ExecutionProvider.DirectML:
                    options.AppendExecutionProvider_DML(deviceId);
                    break;
                case ExecutionProvider.TensorRT:
                    options.AppendExecutionProvider_Tensorrt(deviceId);
                    break;
                case ExecutionProvider.CoreML:
                    options.AppendExecutionProvider_CoreML();
                    break;
                case ExecutionProvider.OpenVino:
                    options.AppendExecutionProvider_OpenVINO();
                    break;
            }
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            // Typical: the CUDA provider library is there but libcudart/libcudnn are not on the loader path.
            throw new ProviderUnavailableException($"{provider} is compiled in but failed to start: {e.Message} Check {Package(provider)} and its system libraries.", e);
        }
    }
}
