namespace Muybridge.Video.Onnx.Sessions;

/// <summary>How each <see cref="ExecutionProvider"/> is named by ONNX Runtime and which package brings it.</summary>
public static class OnnxProviderNames
{
    /// <summary>The name ONNX Runtime reports, e.g. CUDAExecutionProvider.</summary>
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

    /// <summary>The NuGet package (and system libraries) the provider needs.</summary>
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

    /// <summary>A short name for a person: CPU, CUDA, DirectML, TensorRT, CoreML, OpenVINO.</summary>
    public static string Display(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cpu => "CPU",
        ExecutionProvider.Cuda => "CUDA",
        ExecutionProvider.DirectML => "DirectML",
        ExecutionProvider.TensorRT => "TensorRT",
        ExecutionProvider.CoreML => "CoreML",
        ExecutionProvider.OpenVino => "OpenVINO",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
