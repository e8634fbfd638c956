using Microsoft.Extensions.Logging;

namespace Muybridge.Video.Onnx.Sessions;

internal static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: asked for {Requested}, running on {Provider}.")]
    public static partial void Loaded(ILogger logger, string model, string requested, ExecutionProvider provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason}")]
    public static partial void ProviderFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: none of {Requested} loaded; falling back to the CPU.")]
    public static partial void FellBack(ILogger logger, string model, string requested);
}
