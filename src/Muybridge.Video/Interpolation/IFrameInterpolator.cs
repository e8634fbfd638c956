using Muybridge.Video.Frames;

namespace Muybridge.Video.Interpolation;

/// <summary>
/// Synthesises frames between two neighbours. <see cref="InterpolationStage"/> runs one over a whole clip. Disposable like
/// <see cref="IFrameStage"/>: a model's session is released through this interface; the model-free ones own nothing.
/// </summary>
public interface IFrameInterpolator : IDisposable
{
    /// <summary>A short name for logs and reports.</summary>
    string Name { get; }

    /// <summary>
    /// Fills <paramref name="results"/>[k] with the frame at time <paramref name="times"/>[k] between
    /// <paramref name="first"/> (t = 0) and <paramref name="second"/> (t = 1). Every time is in (0, 1); the results have the
    /// inputs' size and get an alpha plane when either input has one. Analysis shared by the times (flow) is done once.
    /// </summary>
    void Interpolate(Frame first, Frame second, ReadOnlySpan<float> times, ReadOnlySpan<Frame> results, CancellationToken cancellationToken = default);

    /// <summary>Releases native resources; nothing to release by default.</summary>
    void IDisposable.Dispose() => GC.SuppressFinalize(this);
}
