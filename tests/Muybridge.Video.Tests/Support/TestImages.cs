using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Pixels;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

internal static class TestImages
{
    public static async Task<List<Frame>> ReadAllAsync(IFrameSource source)
    {
        var frames = new List<Frame>();
        await foreach (var frame in source.ReadAsync(TestContext.Current.CancellationToken))
        {
            frames.Add(frame);
        }

        return frames;
    }

    public static async Task<List<Frame>> ReadAllAsync(Pipeline pipeline)
    {
        var frames = new List<Frame>();
        await foreach (var frame in pipeline.StreamAsync(TestContext.Current.CancellationToken))
        {
            frames.Add(frame);
        }

        return frames;
    }

    public static float[] Luma(Frame frame)
    {
        var luma = new float[frame.PixelCount];
        Video.Pixels.Luma.FillUnit(frame.Rgb, luma);
        return luma;
    }

    /// <summary>Samples a rectangle of a luma plane onto a w×h grid (bilinear).</summary>
    public static float[] Sample(float[] luma, int width, int height, double x0, double y0, double rw, double rh, int w, int h)
    {
        var result = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var sx = Math.Clamp(x0 + (x + 0.5) * rw / w - 0.5, 0, width - 1.001);
                var sy = Math.Clamp(y0 + (y + 0.5) * rh / h - 0.5, 0, height - 1.001);
                int ix = (int)sx, iy = (int)sy;
                float fx = (float)(sx - ix), fy = (float)(sy - iy);
                var a = luma[iy * width + ix] + (luma[iy * width + ix + 1] - luma[iy * width + ix]) * fx;
                var b = luma[(iy + 1) * width + ix] + (luma[(iy + 1) * width + ix + 1] - luma[(iy + 1) * width + ix]) * fx;
                result[y * w + x] = a + (b - a) * fy;
            }
        }

        return result;
    }

    /// <summary>Normalised cross-correlation in -1…1.</summary>
    public static double Ncc(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - ma;
            var db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return sab / Math.Sqrt(saa * sbb + 1e-12);
    }

    /// <summary>
    /// How well <paramref name="crop"/> (a published, cropped version of a frame) matches somewhere inside <paramref name="cell"/>:
    /// the best NCC over scales and offsets of the crop's window in the cell, compared on a small grid.
    /// </summary>
    public static double BestAlignedNcc(Frame cell, Frame crop)
    {
        const int gw = 48;
        var gh = Math.Max(8, (int)Math.Round(gw * (double)crop.Height / crop.Width));
        var target = Sample(Luma(crop), crop.Width, crop.Height, 0, 0, crop.Width, crop.Height, gw, gh);
        var luma = Luma(cell);
        var best = -1.0;
        for (var scale = 0.5; scale <= 1.01; scale += 0.05)
        {
            var rw = Math.Min(cell.Width, cell.Width * scale);
            var rh = rw * crop.Height / crop.Width;
            if (rh > cell.Height)
            {
                rh = cell.Height;
                rw = rh * crop.Width / crop.Height;
            }

            for (var y = 0.0; y + rh <= cell.Height + 0.5; y += Math.Max(1, cell.Height / 40.0))
            {
                for (var x = 0.0; x + rw <= cell.Width + 0.5; x += Math.Max(1, cell.Width / 40.0))
                {
                    best = Math.Max(best, Ncc(target, Sample(luma, cell.Width, cell.Height, x, y, rw, rh, gw, gh)));
                }
            }
        }

        return best;
    }

    public static Frame Solid(int width, int height, byte r, byte g, byte b, int index = 0, double fps = 12, FramePool? pool = null)
    {
        var frame = Frame.Create(width, height, pool);
        var rgb = frame.Rgb;
        for (var i = 0; i < rgb.Length; i += 3)
        {
            rgb[i] = r;
            rgb[i + 1] = g;
            rgb[i + 2] = b;
        }

        frame.Index = index;
        frame.Duration = TimeSpan.FromSeconds(1 / fps);
        frame.Timestamp = frame.Duration * index;
        return frame;
    }

    /// <summary>
    /// The horse-in-motion cut-outs composited over bare wall cut from the first Daisy plate cell (lines and grain), opaque,
    /// indexed 0…; with each frame's true alpha.
    /// </summary>
    public static async Task<(List<Frame> Composites, List<byte[]> Truth)> HorseOverDaisyWallAsync(int count = int.MaxValue)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var plate = Sources.PlateSource.Open(SharedData.Muybridge("daisy-gallop-plate.jpg"), 4, 4);
        using var cell = plate.ReadAsync(ct).ToBlockingEnumerable(ct).First();
        using var wall = FrameOps.Crop(cell, 2, 2, 46, 26);
        return await HorseOverAsync(wall, 0, count);
    }

    /// <summary>The horse-in-motion cut-outs over a crop of the CC0 field photograph (a busy, colourful backdrop).</summary>
    public static async Task<(List<Frame> Composites, List<byte[]> Truth)> HorseOverFieldAsync(double pixelsPerSecond = 0)
    {
        using var field = FrameFile.Load(SharedData.Background);
        using var crop = FrameOps.Crop(field, 600, 180, 400, 300);
        return await HorseOverAsync(crop, pixelsPerSecond);
    }

    /// <summary>
    /// The horse-in-motion cut-outs (their alpha is the truth) composited over <paramref name="backdrop"/>, resized to
    /// their size and scrolling at <paramref name="pixelsPerSecond"/> (0: a still camera).
    /// </summary>
    public static async Task<(List<Frame> Composites, List<byte[]> Truth)> HorseOverAsync(Frame backdrop, double pixelsPerSecond, int count = int.MaxValue)
    {
        await using var horse = Sources.ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"));
        var truth = await ReadAllAsync(horse);
        using var sized = Imaging.Codec.Current.Resize(backdrop, truth[0].Width, truth[0].Height);
        using var scene = Compositing.ScrollingBackground.FromFrame(sized, pixelsPerSecond);
        var compositor = new Compositing.Compositor(scene);
        var composites = new List<Frame>();
        var alphas = new List<byte[]>();
        foreach (var (frame, i) in truth.Take(count).Select((f, i) => (f, i)))
        {
            var c = compositor.Composite(frame);
            c.Index = i;
            if (c.HasAlpha)
            {
                c.RemoveAlpha();
            }

            composites.Add(c);
            alphas.Add(frame.Alpha.ToArray());
        }

        truth.ForEach(f => f.Dispose());
        return (composites, alphas);
    }

    /// <summary>IoU of alpha ≥ 128 between a matte and the truth.</summary>
    public static double Iou(ReadOnlySpan<byte> matte, ReadOnlySpan<byte> truth)
    {
        int both = 0, either = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            bool a = matte[i] >= 128, b = truth[i] >= 128;
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
        }

        return either == 0 ? 1 : (double)both / either;
    }
}
