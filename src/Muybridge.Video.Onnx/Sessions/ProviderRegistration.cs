using Microsoft.ML.OnnxRuntime;

namespace Muybridge.Video.Onnx.Sessions;

internal static class ProviderRegistration
{
    public static void Append(SessionOptions options, ExecutionProvider provider, int deviceId)
    {
        if (provider == ExecutionProvider.Cpu)
        {
            return;
        }

        var available = Providers.OnnxRuntimeInfo.AvailableProviders();
        if (!available.Contains(OnnxProviderNames.NativeName(provider)))
        {
            throw new ProviderUnavailableException(
                $"{provider} is not in the loaded ONNX Runtime native library (it has {string.Join(", ", available)}). Reference {OnnxProviderNames.Package(provider)}.");
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
            throw new ProviderUnavailableException($"{provider} is compiled in but failed to start: {e.Message.TrimEnd('.', ' ')}. Check {OnnxProviderNames.Package(provider)} and its system libraries.", e);
        }
    }
}
