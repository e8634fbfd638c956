namespace Muybridge.Video.Onnx.Sessions;

/// <summary>Where ONNX Runtime runs a model. Which ones exist depends on the native package the application references.</summary>
public enum ExecutionProvider
{
    /// <summary>The CPU; always present.</summary>
    Cpu,

    /// <summary>NVIDIA CUDA (Microsoft.ML.OnnxRuntime.Gpu).</summary>
    Cuda,

    /// <summary>DirectML on Windows (Microsoft.ML.OnnxRuntime.DirectML).</summary>
    DirectML,

    /// <summary>NVIDIA TensorRT (a TensorRT-enabled ONNX Runtime build).</summary>
    TensorRT,

    /// <summary>Apple CoreML (the macOS/iOS ONNX Runtime package).</summary>
    CoreML,

    /// <summary>Intel OpenVINO (an OpenVINO-enabled ONNX Runtime build).</summary>
    OpenVino,
}
