using Muybridge.Video.Pixels;

namespace Muybridge.Video.Tests.Pixels;

/// <summary>The depth of each pixel inside a mask, which the model-free matter's carried shape pulls with.</summary>
public sealed class ChamferDistanceTests
{
    [Fact]
    public void A_pixel_lies_as_deep_as_its_nearest_way_out_and_the_frame_edge_is_no_way_out()
    {
        // A 9×9 square at (1,1) in an 11×11 frame, and a 4-wide bar along the frame's bottom edge.
        const int width = 11, height = 16;
        var mask = new bool[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                mask[y * width + x] = (x is >= 1 and <= 9 && y is >= 1 and <= 9) || y >= 12;
            }
        }

        var depth = new float[width * height];
        ChamferDistance.Inside(mask, width, height, depth);

        Assert.Equal(0f, depth[0]);
        Assert.Equal(0f, depth[10 * width + 5]);
        Assert.Equal(1f, depth[1 * width + 5]);
        Assert.Equal(5f, depth[5 * width + 5]);
        Assert.Equal(2f, depth[2 * width + 2]);
        // The bar's last row touches only the frame's edge below: four rows from the gap above it.
        Assert.Equal(4f, depth[15 * width + 5]);
        Assert.Equal(1f, depth[12 * width + 0]);
    }
}
