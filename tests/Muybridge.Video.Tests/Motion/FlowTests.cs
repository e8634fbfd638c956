using Muybridge.Video.Frames;
using Muybridge.Video.Motion;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

public sealed class FlowTests : PooledTest
{
    /// <summary>A real frame and a copy of it moved by a known sub-pixel amount (bilinear), cropped to the common area.</summary>
    private async Task<(float[] First, float[] Second, int Width, int Height)> ShiftedPairAsync(string folder, float dx, float dy)
    {
        await using var source = OpenFolder(folder);
        var frames = await TestImages.ReadAllAsync(source);
        var luma = TestImages.Luma(frames[0]);
        int width = frames[0].Width, height = frames[0].Height;
        frames.ForEach(f => f.Dispose());
        const int margin = 24;
        int w = width - 2 * margin, h = height - 2 * margin;
        var first = new float[w * h];
        var second = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                first[y * w + x] = 255 * luma[(y + margin) * width + x + margin];
                // second(x) = first(x - d): the content moved by +d.
                second[y * w + x] = 255 * TestImages.Sample(luma, width, height, x + margin - dx, y + margin - dy, 1, 1, 1, 1)[0];
            }
        }

        return (first, second, w, h);
    }

    [Theory]
    [InlineData(3.4f, -1.7f)]
    [InlineData(-17.25f, 6.5f)]
    [InlineData(41f, 0f)]
    public async Task Flow_recovers_a_known_shift_of_a_real_frame(float dx, float dy)
    {
        var (first, second, w, h) = await ShiftedPairAsync("elephant-walk", dx, dy);
        var flow = new FlowField(w, h);
        new DenseOpticalFlow().Estimate(first, second, w, h, flow);
        var errors = new List<double>();
        for (var y = 48; y < h - 48; y += 3)
        {
            for (var x = 48; x < w - 48; x += 3)
            {
                var i = y * w + x;
                errors.Add(Math.Sqrt((flow.U[i] - dx) * (flow.U[i] - dx) + (flow.V[i] - dy) * (flow.V[i] - dy)));
            }
        }

        errors.Sort();
        var median = errors[errors.Count / 2];
        var p90 = errors[errors.Count * 9 / 10];
        Assert.True(median < 0.25, $"median end-point error {median:0.000} px");
        Assert.True(p90 < 1.0, $"90th percentile end-point error {p90:0.000} px");
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(12, 5)]
    [InlineData(12, 11)]
    public async Task A_frame_against_itself_has_no_motion_anywhere_not_even_at_the_far_edges(int patchSize, int trim)
    {
        // The right and bottom edges are where the last patch sits; every width from the trim shifts where it starts.
        var (first, _, w, h) = await ShiftedPairAsync("horse-bowler-gallop", 0, 0);
        int width = w - trim, height = h - trim;
        var image = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            first.AsSpan(y * w, width).CopyTo(image.AsSpan(y * width));
        }

        var flow = new FlowField(width, height);
        new DenseOpticalFlow(new OpticalFlowOptions { PatchSize = patchSize }).Estimate(image, image, width, height, flow);
        var largest = 0f;
        for (var i = 0; i < width * height; i++)
        {
            largest = Math.Max(largest, MathF.Sqrt(flow.U[i] * flow.U[i] + flow.V[i] * flow.V[i]));
        }

        Assert.True(largest < 0.01f, $"{width}x{height}, {patchSize}-pixel patches: a frame against itself moved by up to {largest:0.000} px");
    }

    [Fact]
    public async Task Vectorised_flow_matches_the_scalar_reference()
    {
        await using var source = OpenFolder("buffalo-gallop");
        var frames = await TestImages.ReadAllAsync(source);
        var vector = new FlowField(1, 1);
        var scalar = new FlowField(1, 1);
        new DenseOpticalFlow().Estimate(frames[0], frames[1], vector);
        new DenseOpticalFlow(new OpticalFlowOptions { ScalarReference = true }).Estimate(frames[0], frames[1], scalar);
        frames.ForEach(f => f.Dispose());
        double sum = 0;
        var within = 0;
        for (var i = 0; i < vector.U.Length; i++)
        {
            var d = Math.Abs(vector.U[i] - scalar.U[i]) + Math.Abs(vector.V[i] - scalar.V[i]);
            sum += d;
            within += d < 0.01 ? 1 : 0;
        }

        // Sums are accumulated in a different order, so tiny rounding differences are allowed, nothing more.
        Assert.True(sum / vector.U.Length < 0.005, $"mean difference {sum / vector.U.Length:0.0000} px");
        Assert.True(within > 0.99 * vector.U.Length, $"{within} of {vector.U.Length} vectors within 0.01 px");
    }

    [Fact]
    public void Patch_kernels_match_the_scalar_reference_on_random_data()
    {
        var random = new Random(7);
        var image = Enumerable.Range(0, 64 * 64).Select(_ => (float)random.NextDouble() * 255).ToArray();
        var template = Enumerable.Range(0, 64).Select(_ => (float)random.NextDouble() * 255).ToArray();
        var vector = new float[64];
        var scalar = new float[64];
        PatchKernels.Warp(image, 64, 10.37f, 20.81f, 8, vector, scalar: false);
        PatchKernels.Warp(image, 64, 10.37f, 20.81f, 8, scalar, scalar: true);
        Assert.Equal(scalar, vector);
        var scratch = new float[64];
        Assert.Equal(PatchKernels.NormalisedSsd(scalar, template, scratch, true), PatchKernels.NormalisedSsd(vector, template, scratch, false), 1e-1f);
        float[] au = new float[64 * 64], av = new float[64 * 64], aw = new float[64 * 64];
        float[] bu = new float[64 * 64], bv = new float[64 * 64], bw = new float[64 * 64];
        PatchKernels.Densify(vector, template, 3.5f, 8, au, av, aw, 65, 64, 1.5f, -2f, scalar: false);
        PatchKernels.Densify(vector, template, 3.5f, 8, bu, bv, bw, 65, 64, 1.5f, -2f, scalar: true);
        Assert.Equal(bw, aw);
        Assert.Equal(bu, au);
        Assert.Equal(bv, av);
    }

    [Fact]
    public void Flow_refuses_frames_of_different_sizes()
    {
        using var a = Blank(64, 48);
        using var b = Blank(60, 48);
        Assert.Throws<InvalidFrameInputException>(() => new DenseOpticalFlow().Estimate(a, b, new FlowField(1, 1)));
    }
}
