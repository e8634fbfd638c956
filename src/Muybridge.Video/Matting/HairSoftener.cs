using Muybridge.Video.Pixels;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Matting;

/// <summary>
/// Softens the matte where it is thin and moving — a tail or a mane streaming between photographs — so hair looks like
/// hair, not a cut-out solid; the body's edge and a planted hoof (thin but still) keep the matte's own edge.
/// </summary>
/// <remarks>
/// Thin: inside the matte but gone after an opening (erode, then dilate) of radius r = <see cref="HairSofteningOptions.ThinFraction"/>
/// of the frame height. Moving: within r of a pixel whose matte differs from the previous or the next frame's. Where
/// both hold, the alpha is blended toward its Gaussian blur of radius r, the weight itself blurred so no seam shows.
/// The stage reads one frame ahead.
/// </remarks>
public sealed class HairSoftener : IFrameStage
{
    private readonly HairSofteningOptions _options;

    /// <summary>Creates the stage.</summary>
    public HairSoftener(HairSofteningOptions? options = null)
    {
        _options = options ?? new HairSofteningOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "soften hair";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The previous frame's matte as it was before softening, and the buffer the current one is copied into; swapped.
        byte[] previous = [], before = [];
        var hasPrevious = false;
        Frame? current = null;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (current is not null)
                {
                    var done = current;
                    current = null;
                    hasPrevious = Soften(done, hasPrevious ? previous : null, frame, ref before);
                    (previous, before) = (before, previous);
                    yield return done;
                }

                current = frame;
            }

            if (current is not null)
            {
                var done = current;
                current = null;
                Soften(done, hasPrevious ? previous : null, null, ref before);
                yield return done;
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    /// <summary>Softens <paramref name="frame"/>'s matte in place, keeping a copy of it as it was in <paramref name="before"/>; false when it has none.</summary>
    private bool Soften(Frame frame, byte[]? previousMatte, Frame? next, ref byte[] before)
    {
        if (!frame.HasAlpha)
        {
            return false;
        }

        int width = frame.Width, height = frame.Height, n = frame.PixelCount;
        var alpha = frame.Alpha;
        if (before.Length != n)
        {
            before = new byte[n];
        }

        alpha.CopyTo(before);
        var hasPrevious = previousMatte is not null && previousMatte.Length == n;
        var hasNext = next is not null && next.HasAlpha && next.Width == width && next.Height == height;
        if (!hasPrevious && !hasNext)
        {
            return true;
        }

        var radius = Math.Max(1, (int)Math.Round(height * _options.ThinFraction));
        var solid = PlanePool<bool>.Shared.Rent(n);
        var moving = PlanePool<bool>.Shared.Rent(n);
        var weight = PlanePool<float>.Shared.Rent(n);
        var soft = PlanePool<float>.Shared.Rent(n);
        try
        {
            var nextAlpha = hasNext ? next!.Alpha : default;
            var any = false;
            for (var i = 0; i < n; i++)
            {
                var inside = before[i] > 127;
                solid[i] = inside;
                moving[i] = (hasPrevious && inside != previousMatte![i] > 127) || (hasNext && inside != nextAlpha[i] > 127);
                any |= moving[i];
            }

            if (!any)
            {
                return true;
            }

            // Thin: inside the matte but gone after the opening; then widened by the radius so both sides of its edge blend.
            var thin = PlanePool<bool>.Shared.Rent(n);
            try
            {
                Array.Copy(solid, thin, n);
                MaskMorphology.Open(solid, width, height, radius);
                for (var i = 0; i < n; i++)
                {
                    thin[i] &= !solid[i];
                }

                MaskMorphology.Morph(thin, width, height, radius, dilate: true);
                MaskMorphology.Morph(moving, width, height, radius, dilate: true);
                var thinAndMoving = 0;
                for (var i = 0; i < n; i++)
                {
                    var soften = thin[i] && moving[i] && !solid[i];
                    weight[i] = soften ? 1f : 0f;
                    thinAndMoving += soften ? 1 : 0;
                    soft[i] = before[i] * (1f / 255);
                }

                if (thinAndMoving == 0)
                {
                    return true;
                }
            }
            finally
            {
                PlanePool<bool>.Shared.Return(thin);
            }

            var w = weight.AsSpan(0, n);
            BoxBlur.ClampedGaussian(w, width, height, radius);
            var s = soft.AsSpan(0, n);
            BoxBlur.ClampedGaussian(s, width, height, radius);
            var strength = _options.Strength;
            for (var i = 0; i < n; i++)
            {
                var k = Math.Min(1f, 2 * w[i]) * strength;
                var a = before[i] * (1f / 255);
                alpha[i] = (byte)Math.Clamp((a + k * (s[i] - a)) * 255 + 0.5f, 0, 255);
            }

            return true;
        }
        finally
        {
            PlanePool<bool>.Shared.Return(solid);
            PlanePool<bool>.Shared.Return(moving);
            PlanePool<float>.Shared.Return(weight);
            PlanePool<float>.Shared.Return(soft);
        }
    }
}
