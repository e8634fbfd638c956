using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Compositing;

/// <summary>
/// A compositor whose background speed is only known once <see cref="GroundSpeedProbe"/> has measured it: the background
/// is built on the first frame, from the speed the probe gives (or the fallback), and composited as usual.
/// </summary>
internal sealed class MeasuredGroundCompositor : IFrameStage
{
    private readonly Task<double> _speed;
    private readonly Func<double, ScrollingBackground> _background;
    private readonly CompositeOptions _options;

    /// <param name="speed">The scroll speed in output pixels per second, known before the first frame arrives.</param>
    /// <param name="background">Builds the background at that speed (this stage disposes it).</param>
    /// <param name="options">Where and how large the subject goes.</param>
    public MeasuredGroundCompositor(Task<double> speed, Func<double, ScrollingBackground> background, CompositeOptions options)
    {
        _speed = speed;
        _background = background;
        _options = options;
        Compositor.Validate(options);
    }

    public string Name => "composite";

    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ScrollingBackground? background = null;
        try
        {
            await using var enumerator = frames.GetAsyncEnumerator(cancellationToken);
            if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                yield break;
            }

            background = _background(await _speed.WaitAsync(cancellationToken).ConfigureAwait(false));
            var compositor = new Compositor(background, _options);
            await foreach (var frame in compositor.ProcessAsync(Rest(enumerator), cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }
        }
        finally
        {
            background?.Dispose();
        }
    }

    private static async IAsyncEnumerable<Frame> Rest(IAsyncEnumerator<Frame> started)
    {
        yield return started.Current;
        while (await started.MoveNextAsync().ConfigureAwait(false))
        {
            yield return started.Current;
        }
    }
}
