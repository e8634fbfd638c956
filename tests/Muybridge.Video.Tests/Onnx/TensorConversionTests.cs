using Muybridge.Video.Frames;
using Muybridge.Video.Onnx.Tensors;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests.Onnx;

public sealed class TensorConversionTests
{
    public static TheoryData<string> Formats => ["unit", "imagenet", "bgr255", "centered"];

    private static ImageTensorFormat Format(string name) => name switch
    {
        "unit" => ImageTensorFormat.UnitRgb,
        "imagenet" => ImageTensorFormat.ImageNet,
        "bgr255" => ImageTensorFormat.Bgr255,
        _ => ImageTensorFormat.CenteredUnit,
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Vectorised_rows_equal_the_scalar_reference_both_ways(string format)
    {
        var affine = ChannelAffine.From(Format(format));
        var random = new Random(7);
        // Odd lengths exercise the scalar tail after the 16-pixel blocks.
        foreach (var n in new[] { 1, 15, 16, 17, 95, 640, 1283 })
        {
            var rgb = new byte[3 * n];
            random.NextBytes(rgb);
            float[] a0 = new float[n], a1 = new float[n], a2 = new float[n], b0 = new float[n], b1 = new float[n], b2 = new float[n];
            PlanarKernels.Deinterleave(rgb, a0, a1, a2, affine);
            PlanarKernels.DeinterleaveScalar(rgb, b0, b1, b2, affine);
            Assert.Equal(b0, a0);
            Assert.Equal(b1, a1);
            Assert.Equal(b2, a2);

            // Back again, with values pushed out of range so the clamp is exercised too.
            for (var i = 0; i < n; i += 5)
            {
                a0[i] += (i % 2 == 0 ? 1 : -1) * 1000f;
            }

            var va = new byte[3 * n];
            var vb = new byte[3 * n];
            PlanarKernels.Interleave(a0, a1, a2, va, affine);
            PlanarKernels.InterleaveScalar(a0, a1, a2, vb, affine);
            Assert.Equal(vb, va);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_real_frame_round_trips_exactly_through_every_format(string format)
    {
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("buffalo-gallop"));
        var frames = await TestImages.ReadAllAsync(source);
        using var frame = frames[0];
        foreach (var extra in frames.Skip(1))
        {
            extra.Dispose();
        }

        var affine = ChannelAffine.From(Format(format));
        var whole = new PixelRect(0, 0, frame.Width, frame.Height);
        var tensor = new float[3 * frame.PixelCount];
        TensorLayout.ToPlanar(frame.Rgb, frame.Width, whole, frame.Width, frame.Height, tensor, affine);

        // Spot-check the layout against the formula: plane k, pixel (x, y) = rgb[source(k)] * scale + bias.
        var f = Format(format);
        var (x, y) = (101, 57);
        var pixel = frame.Rgb.Slice(3 * (y * frame.Width + x), 3);
        var first = f.Order == ChannelOrder.Bgr ? pixel[2] : pixel[0];
        Assert.Equal((first * f.Scale - f.Mean.C0) / f.Std.C0, tensor[y * frame.Width + x], 4);
        Assert.Equal((pixel[1] * f.Scale - f.Mean.C1) / f.Std.C1, tensor[frame.PixelCount + y * frame.Width + x], 4);

        var back = new byte[frame.Rgb.Length];
        TensorLayout.FromPlanar(tensor, frame.Width, frame.Height, 0, 0, back, frame.Width, whole, affine);
        Assert.Equal(frame.Rgb.ToArray(), back);
    }

    [Fact]
    public void A_matte_written_by_the_core_has_the_bytes_the_tensor_kernels_give_it()
    {
        // PromptedMatting (core) writes a model's soft matte; before it moved out of this package the tensor kernels did.
        var random = new Random(11);
        var plane = Enumerable.Range(0, 1283).Select(_ => (float)random.NextDouble() * 1.2f - 0.1f).ToList();
        plane.AddRange([0f, 0.5f, 1f, 127.5f / 255f, 0.5f / 255f, float.NaN, -0f, 2f]);
        plane.AddRange(Enumerable.Range(0, 256).Select(k => (k + 0.5f) / 255f));
        var core = new byte[plane.Count];
        var kernels = new byte[plane.Count];
        Muybridge.Video.Pixels.UnitBytes.FromUnit(plane.ToArray(), core);
        PlanarKernels.PlaneToBytes(plane.ToArray(), kernels, 1f / 255f, 0f);
        Assert.Equal(kernels, core);
        // 0 and 1 are exact; a half lands on 127, since the inverse of the 1/255 step is a hair under 255.
        Assert.Equal([0, 127, 255], core.Skip(1283).Take(3).Select(b => (int)b));
    }

    [Fact]
    public void Letterbox_keeps_the_aspect_ratio_and_repeats_edges_into_the_padding()
    {
        using var frame = Frame.Create(200, 100);
        for (var i = 0; i < frame.PixelCount; i++)
        {
            frame.Rgb[3 * i] = (byte)(i % 200);
        }

        var placement = ModelImage.Placement(200, 100, 64, 64, ResizeMode.Letterbox);
        Assert.Equal(new PixelRect(0, 0, 64, 32), placement);
        Assert.Equal(new PixelRect(0, 0, 64, 64), ModelImage.Placement(200, 100, 64, 64, ResizeMode.Stretch));

        var tensor = new float[3 * 64 * 64];
        ModelImage.Write(frame, 64, 64, ResizeMode.Letterbox, ChannelAffine.Unit, tensor);
        // Padding rows below the image repeat its last row; red grows left to right as in the frame.
        Assert.Equal(tensor.AsSpan(31 * 64, 64).ToArray(), tensor.AsSpan(63 * 64, 64).ToArray());
        Assert.True(tensor[10 * 64 + 60] > tensor[10 * 64 + 3] + 0.5f);

        // Reading a plane back covers exactly the placement: a ramp over the 64x32 region becomes a ramp over the frame.
        var plane = new float[64 * 64];
        for (var yy = 0; yy < 64; yy++)
        {
            for (var xx = 0; xx < 64; xx++)
            {
                plane[yy * 64 + xx] = yy < 32 ? xx : -100f;
            }
        }

        var depth = new float[200 * 100];
        ModelImage.ReadPlane(plane, 64, 64, placement, 64, 64, depth, 200, 100);
        Assert.True(depth.Min() >= 0f, "the padding leaked into the frame");
        Assert.InRange(depth[199], 62.5f, 63f);
        Assert.InRange(depth[99 * 200], 0f, 0.5f);
    }
}
