using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Pixels;

namespace Muybridge.Video.Tests.Pixels;

/// <summary>The pixel layer against its scalar references, on a real Muybridge frame.</summary>
public sealed class PixelLayerTests
{
    private static float[] ElephantLuma(out int width, out int height)
    {
        using var frame = FrameFile.Load(Path.Combine(SharedData.Muybridge("elephant-walk"), "05.png"));
        (width, height) = (frame.Width, frame.Height);
        var luma = new float[frame.PixelCount];
        Luma.Fill(frame.Rgb, luma);
        return luma;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(600)]
    public void The_vectorised_vertical_pass_gives_the_scalar_columns_bits(int radius)
    {
        // Rows of odd width leave a tail after the last full vector; a radius past the height shrinks every window.
        var plane = ElephantLuma(out var width, out var height);
        var vector = new float[plane.Length];
        var scalar = new float[plane.Length];
        BoxBlur.ShrinkingColumns(plane, vector, width, height, radius);
        BoxBlur.ShrinkingColumnsScalar(plane, scalar, width, height, radius);
        Assert.Equal(scalar, vector);
        Assert.NotEqual(plane, vector);
    }

    [Fact]
    public void A_shrinking_window_blur_keeps_the_mean_of_a_flat_plane_and_averages_a_step_over_the_window()
    {
        const int width = 21, height = 5;
        var plane = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                plane[y * width + x] = x < 10 ? 0 : 100;
            }
        }

        BoxBlur.ShrinkingWindow(plane, new float[plane.Length], width, height, 2);
        Assert.Equal(0, plane[2 * width + 7]);
        Assert.Equal(60, plane[2 * width + 10], 4);   // window 8…12: two of five at 0
        Assert.Equal(100, plane[2 * width + 20], 4);  // the border window shrinks to 18…20: all 100
        var clamped = new float[width * height];
        for (var i = 0; i < clamped.Length; i++)
        {
            clamped[i] = i % width < 10 ? 0 : 100;
        }

        BoxBlur.ClampedEdges(clamped, width, height, 2);
        Assert.Equal(60, clamped[2 * width + 10], 4);
        Assert.Equal(0, clamped[2 * width], 4);      // the edge repeated: still 0

        // The rules part where a bright column sits on the edge: shrinking, it is one of three; clamped, it counts thrice of five.
        var shrinking = new float[width * height];
        var repeated = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            shrinking[y * width] = repeated[y * width] = 100;
        }

        BoxBlur.ShrinkingWindow(shrinking, new float[shrinking.Length], width, height, 2);
        BoxBlur.ClampedEdges(repeated, width, height, 2);
        Assert.Equal(100f / 3, shrinking[2 * width], 4);
        Assert.Equal(60, repeated[2 * width], 4);
    }

    [Fact]
    public void Luma_is_Rec601_on_every_scale()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 120, 40];
        var bytes = new float[4];
        var unit = new float[4];
        Luma.Fill(rgb, bytes);
        Luma.FillUnit(rgb, unit);
        Assert.Equal(0.299f * 255, bytes[0], 3);
        Assert.Equal(0.587f * 255, bytes[1], 3);
        Assert.Equal(0.114f * 255, bytes[2], 3);
        Assert.Equal(0.299 * 200 + 0.587 * 120 + 0.114 * 40, Luma.Precise(200, 120, 40), 9);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Luma.At(rgb, i), bytes[i]);
            Assert.Equal(bytes[i] / 255, unit[i], 5);
        }
    }
}
