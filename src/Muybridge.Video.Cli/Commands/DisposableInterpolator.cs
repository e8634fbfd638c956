using Muybridge.Video.Interpolation;

namespace Muybridge.Video.Cli.Commands;

/// <summary>Disposes an interpolator that holds a model session, and does nothing for the model-free ones.</summary>
internal sealed class DisposableInterpolator(IFrameInterpolator value) : IDisposable
{
    public IFrameInterpolator Value { get; } = value;

    public void Dispose() => (Value as IDisposable)?.Dispose();
}
