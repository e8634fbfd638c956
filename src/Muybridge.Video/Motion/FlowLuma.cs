using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Motion;

/// <summary>The single channel flow is computed on: Rec. 601 luma in 0…255, cut-outs composited on mid-grey.</summary>
internal static class FlowLuma
{
    public static void Fill(Frame frame, Span<float> luma)
    {
        var rgb = frame.Rgb;
        if (!frame.HasAlpha)
        {
            Luma.Fill(rgb, luma[..frame.PixelCount]);

            return;
        }

        // Transparent pixels become one flat grey, so whatever colour they happen to store cannot pull the flow.
        var alpha = frame.Alpha;
        for (int i = 0, s = 0; i < frame.PixelCount; i++, s += 3)
        {
            var a = alpha[i] / 255f;
            luma[i] = a * Luma.Of(rgb[s], rgb[s + 1], rgb[s + 2]) + (1 - a) * 128f;
        }
    }
}
