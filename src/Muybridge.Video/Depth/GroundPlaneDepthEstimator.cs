using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Motion;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Depth;

/// <summary>
/// The model-free default, built on how Muybridge photographed: a flat wall behind a flat track, the animal between them
/// and the camera. The wall is one distance; the ground comes nearer row by row from the wall's foot to the bottom edge;
/// a matted subject (the frame's alpha plane) stands on the ground where its lowest pixels touch it and bulges a little
/// toward the camera inside its silhouette, so the stylizer sees body shape rather than a cut-out.
/// </summary>
public sealed class GroundPlaneDepthEstimator : IDepthEstimator
{
    private float[] _relief = [];
    private float[] _scratch = [];

    /// <summary>Creates the estimator.</summary>
    public GroundPlaneDepthEstimator(GroundPlaneDepthOptions? options = null)
    {
        Options = options ?? new GroundPlaneDepthOptions();
        Options.Validate();
    }

    /// <summary>The settings in use.</summary>
    public GroundPlaneDepthOptions Options { get; }

    /// <inheritdoc />
    public string Name => "ground plane";

    /// <inheritdoc />
    public void Estimate(Frame frame, Span<float> nearness, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int width = frame.Width, height = frame.Height;
        if (nearness.Length < frame.PixelCount)
        {
            throw new InvalidOptionException($"The depth plane holds {nearness.Length} values; the frame has {frame.PixelCount} pixels.", nameof(nearness));
        }

        var feet = frame.HasAlpha ? MatteExtent.LowestSubjectRow(frame.Alpha, width, height) : -1;
        var groundLine = feet >= 0 ? Math.Min(feet, height - 2) : (int)(Options.GroundLine * height);
        for (var y = 0; y < height; y++)
        {
            var row = nearness.Slice(y * width, width);
            row.Fill(Ground(y, groundLine, height));
        }

        if (feet < 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // The subject: the ground's nearness at its feet, plus relief from a blurred silhouette (thick parts bulge more).
        var standing = Ground(feet, groundLine, height);
        ScratchBuffer.Ensure(ref _relief, frame.PixelCount);
        ScratchBuffer.Ensure(ref _scratch, frame.PixelCount);
        var alpha = frame.Alpha;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            _relief[i] = alpha[i] * (1f / 255f);
        }

        var radius = Math.Max(2, Math.Min(width, height) / 40);
        BoxBlur.ShrinkingWindow(_relief.AsSpan(0, frame.PixelCount), _scratch.AsSpan(0, frame.PixelCount), width, height, radius);
        BoxBlur.ShrinkingWindow(_relief.AsSpan(0, frame.PixelCount), _scratch.AsSpan(0, frame.PixelCount), width, height, radius);
        for (var i = 0; i < frame.PixelCount; i++)
        {
            var a = alpha[i] * (1f / 255f);
            if (a > 0f)
            {
                var subject = Math.Min(1f, standing + Options.Relief * _relief[i]);
                nearness[i] = nearness[i] + (subject - nearness[i]) * a;
            }
        }
    }

    private float Ground(int y, int groundLine, int height)
        => y <= groundLine ? Options.WallNearness : Options.WallNearness + (1f - Options.WallNearness) * (y - groundLine) / (height - 1 - groundLine);
}
