using Muybridge.Video.Onnx.Providers;
using Muybridge.Video.Onnx.Sessions;

namespace Muybridge.Video.Tests.Onnx;

public sealed class ProviderTests
{
    private static string Model => Path.Combine(AppContext.BaseDirectory, "fixtures", "rife_signature_fp32.onnx");

    [Fact]
    public void Cpu_is_always_available_and_loads()
    {
        Assert.Contains("CPUExecutionProvider", OnnxRuntimeInfo.AvailableProviders());
        using var model = OnnxModel.Load(Model);
        Assert.Equal(ExecutionProvider.Cpu, model.ActiveProvider);
    }

    [Fact]
    public void A_missing_provider_is_a_clear_error_naming_the_package_when_fallback_is_off()
    {
        // The test project references the CPU package, whose native library has no DirectML in it on any platform.
        var options = new OnnxSessionOptions { Providers = [ExecutionProvider.DirectML], FallbackToCpu = false };
        var error = Assert.Throws<ProviderUnavailableException>(() => OnnxModel.Load(Model, options));
        Assert.Contains("Microsoft.ML.OnnxRuntime.DirectML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_provider_falls_back_to_the_cpu_and_reports_what_ran()
    {
        var options = new OnnxSessionOptions { Providers = [ExecutionProvider.DirectML, ExecutionProvider.TensorRT], FallbackToCpu = true };
        using var model = OnnxModel.Load(Model, options);
        Assert.Equal(ExecutionProvider.Cpu, model.ActiveProvider);
        Assert.Equal([ExecutionProvider.DirectML, ExecutionProvider.TensorRT], model.RequestedProviders);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_a_contract_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "this is not a protobuf");
        try
        {
            Assert.Throws<ModelContractException>(() => OnnxModel.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
