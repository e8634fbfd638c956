using Muybridge.Video.Frames;

namespace Muybridge.Video.Depth;

/// <summary>
/// Estimates a frame's depth as <em>nearness</em> in 0…1 (1 = nearest, 0 = farthest), the convention of MiDaS and
/// Depth-Anything's relative inverse depth after normalisation. Later stages (the stylizer's structure knob) read it from
/// <see cref="Frame.Depth"/>. Disposable like <see cref="IFrameStage"/>.
/// </summary>
public interface IDepthEstimator : IDisposable
{
    /// <summary>A short name for logs and manifests.</summary>
    string Name { get; }

    /// <summary>Writes one value per pixel (row-major, frame-sized) into <paramref name="nearness"/>.</summary>
    void Estimate(Frame frame, Span<float> nearness, CancellationToken cancellationToken = default);

    /// <summary>Releases native resources; nothing to release by default.</summary>
    void IDisposable.Dispose() => GC.SuppressFinalize(this);
}
