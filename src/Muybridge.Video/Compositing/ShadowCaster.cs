using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Compositing;

/// <summary>Lays a matte flat on the ground and darkens the canvas under it (see <see cref="ContactShadow"/>).</summary>
internal static class ShadowCaster
{
    /// <param name="alpha">The subject's matte, 0…1, <paramref name="subjectWidth"/> × <paramref name="subjectHeight"/>.</param>
    /// <param name="coverage">The same matte as bytes, as the frame holds it (where the feet are is read from it).</param>
    /// <param name="canvas">Linear RGB, <paramref name="width"/> × <paramref name="height"/> × 3.</param>
    /// <param name="left">Where the subject's left edge lands on the canvas.</param>
    /// <param name="top">Where the subject's top edge lands on the canvas.</param>
    public static void Darken(ContactShadow shadow, ReadOnlySpan<float> alpha, ReadOnlySpan<byte> coverage, int subjectWidth, int subjectHeight, Span<float> canvas, int width, int height, int left, int top)
    {
        var ground = shadow.GroundLine is { } line ? (int)Math.Round(line * subjectHeight) - 1 : MatteExtent.LowestSubjectRow(coverage, subjectWidth, subjectHeight);
        if (ground < 0 || shadow.Opacity == 0)
        {
            return;
        }

        ground = Math.Min(ground, subjectHeight - 1);
        // The shadow's box on the canvas, with room for the blur.
        var margin = (int)Math.Ceiling(shadow.Softness * 2) + 1;
        var lift = (int)Math.Ceiling(shadow.Squash * ground);
        var reach = (int)Math.Ceiling(Math.Abs(shadow.Slant) * ground);
        var boxLeft = Math.Max(0, left - margin - (shadow.Slant < 0 ? reach : 0));
        var boxRight = Math.Min(width, left + subjectWidth + margin + (shadow.Slant > 0 ? reach : 0));
        var boxTop = Math.Max(0, top + ground - lift - margin);
        var boxBottom = Math.Min(height, top + ground + margin + 1);
        int boxWidth = boxRight - boxLeft, boxHeight = boxBottom - boxTop;
        if (boxWidth <= 0 || boxHeight <= 0)
        {
            return;
        }

        var mask = PlanePool<float>.Shared.Rent(boxWidth * boxHeight);
        try
        {
            var plane = mask.AsSpan(0, boxWidth * boxHeight);
            plane.Clear();
            for (var y = 0; y <= ground; y++)
            {
                var above = ground - y;
                // Parts high above the ground cast a fainter shadow than the hooves on it.
                var strength = 1 - 0.3f * above / Math.Max(1, ground);
                var ty = top + ground - (int)Math.Round(shadow.Squash * above) - boxTop;
                if ((uint)ty >= (uint)boxHeight)
                {
                    continue;
                }

                var shift = shadow.Slant * above;
                var row = alpha.Slice(y * subjectWidth, subjectWidth);
                var target = plane.Slice(ty * boxWidth, boxWidth);
                for (var x = 0; x < subjectWidth; x++)
                {
                    var a = row[x];
                    if (a <= 0)
                    {
                        continue;
                    }

                    var tx = left + x + (int)Math.Round(shift) - boxLeft;
                    if ((uint)tx < (uint)boxWidth)
                    {
                        target[tx] = Math.Max(target[tx], a * strength);
                    }
                }
            }

            if (shadow.Softness > 0)
            {
                BoxBlur.ClampedGaussian(plane, boxWidth, boxHeight, shadow.Softness);
            }

            var opacity = (float)shadow.Opacity;
            for (var y = 0; y < boxHeight; y++)
            {
                for (var x = 0; x < boxWidth; x++)
                {
                    var keep = 1 - opacity * Math.Min(1, plane[y * boxWidth + x]);
                    var d = ((boxTop + y) * width + boxLeft + x) * 3;
                    canvas[d] *= keep;
                    canvas[d + 1] *= keep;
                    canvas[d + 2] *= keep;
                }
            }
        }
        finally
        {
            PlanePool<float>.Shared.Return(mask);
        }
    }
}
