using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Matting;
using Muybridge.Video.Pixels;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Evaluation;

/// <summary>
/// A matting test set with the hard part of real plates: subjects with a known matte (the horse-in-motion cut-outs with
/// their hand-made alpha; the elephant with ISNet medium's alpha, kept as a fixture) standing on real ground bands, foot
/// boards. The backdrops are the shared plates' own pixels: a patch of wall and a strip of ground chosen by eye where no
/// animal stands, mirrored side by side and stacked at the subject's feet. Each frame gets the backdrop shifted and
/// re-exposed a little, as Muybridge's separate cameras did.
/// </summary>
internal static class GroundBandSet
{
    /// <summary>A backdrop: a frame of a shared sequence (a plate and its grid, or a folder) and two rectangles on it, chosen by eye, that show wall and ground with no animal.</summary>
    private sealed record BackdropSource(string Name, string Sequence, (int Rows, int Columns)? Grid, int Frame, (int X, int Y, int Width, int Height) Wall, (int X, int Y, int Width, int Height) Ground);

    private static readonly BackdropSource[] Backdrops =
    [
        // The bowler plate's first cell: its lined wall left of the rider, and under the hooves the foot board (dark, with a
        // light edge and white marks) down to the black band that ends the cell.
        new("bowler-board", "horse-bowler-gallop-plate.jpg", (2, 6), 0, (20, 25, 180, 105), (40, 396, 400, 62)),
        // The ostrich's third frame: the ruled grid above its back, and left of its legs the dark ground band with its light edge.
        new("ostrich-band", "ostrich-run", null, 2, (10, 10, 310, 140), (5, 492, 165, 64)),
    ];

    public sealed record Scene(string Subject, string Backdrop, List<Frame> Composites, List<byte[]> Truth, int Width, int Height) : IDisposable
    {
        public void Dispose() => Composites.ForEach(f => f.Dispose());
    }

    /// <summary>
    /// Writes the elephant's alpha into <paramref name="folder"/>: ISNet medium's matte of each frame with the two things
    /// it takes that are not the elephant removed, the patches of wall it is unsure of (<see cref="DoubtfulPatches"/>, as
    /// the library's ISNet matter cuts them) and the plate's dark border (<see cref="AnimalOnly"/>).
    /// </summary>
    public static async Task MakeAsync(string data, string isnet, string folder, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        using var model = new Onnx.Matting.SalientObjectMatter(isnet, [new PointPrompt(0, 0)], new Onnx.Matting.SalientMatterOptions { CatalogName = "isnet-medium" });
        var elephant = Path.Combine(folder, "elephant-alpha");
        Directory.CreateDirectory(elephant);
        var walk = await MattingEvaluation.ReadAllAsync(ImageFolderSource.Open(Path.Combine(data, "elephant-walk")), cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var frame in walk)
            {
                var matte = new float[frame.PixelCount];
                model.Predict(frame, matte);
                DoubtfulPatches.Cut(frame, matte);
                var alpha = AnimalOnly(matte.Select(m => (byte)Math.Clamp(m * 255f + 0.5f, 0f, 255f)).ToArray(), frame.Width, frame.Height);
                using var grey = Frame.Create(frame.Width, frame.Height);
                for (var i = 0; i < alpha.Length; i++)
                {
                    grey.Rgb[3 * i] = grey.Rgb[3 * i + 1] = grey.Rgb[3 * i + 2] = alpha[i];
                }

                FrameFile.Save(grey, Path.Combine(elephant, $"{frame.Index + 1:00}.png"));
            }
        }
        finally
        {
            walk.ForEach(f => f.Dispose());
        }

        await log.WriteLineAsync($"elephant-alpha: {walk.Count} mattes").ConfigureAwait(false);
    }

    /// <summary>The elephant's alpha for frame <paramref name="index"/> (0-based) of elephant-walk, as <see cref="MakeAsync"/> wrote it into <paramref name="folder"/>.</summary>
    public static byte[] ElephantAlpha(string folder, long index)
    {
        using var grey = FrameFile.Load(Path.Combine(folder, "elephant-alpha", $"{index + 1:00}.png"));
        var alpha = new byte[grey.PixelCount];
        for (var i = 0; i < alpha.Length; i++)
        {
            alpha[i] = grey.Rgb[3 * i];
        }

        return alpha;
    }

    /// <summary>Each backdrop under each subject.</summary>
    public static async Task<List<Scene>> LoadAsync(string data, string folder, CancellationToken cancellationToken)
    {
        var subjects = new List<(string Name, List<Frame> Frames, List<byte[]> Alpha)>();
        var horse = await MattingEvaluation.ReadAllAsync(ImageFolderSource.Open(Path.Combine(data, "horse-in-motion")), cancellationToken).ConfigureAwait(false);
        subjects.Add(("horse", horse, horse.Select(f => f.Alpha.ToArray()).ToList()));
        var elephant = await MattingEvaluation.ReadAllAsync(ImageFolderSource.Open(Path.Combine(data, "elephant-walk")), cancellationToken).ConfigureAwait(false);
        subjects.Add(("elephant", elephant, elephant.Select(f => ElephantAlpha(folder, f.Index)).ToList()));

        // Each backdrop's wall and ground, cut once from its sequence and shared by every subject.
        var patches = new List<(BackdropSource Source, Frame Wall, Frame Ground)>();
        var scenes = new List<Scene>();
        try
        {
            foreach (var source in Backdrops)
            {
                var path = Path.Combine(data, source.Sequence);
                var sequence = await MattingEvaluation.ReadAllAsync(source.Grid is { } grid ? PlateSource.Open(path, grid.Rows, grid.Columns) : ImageFolderSource.Open(path), cancellationToken).ConfigureAwait(false);
                var frame = sequence[source.Frame];
                patches.Add((source, FrameOps.Crop(frame, source.Wall.X, source.Wall.Y, source.Wall.Width, source.Wall.Height),
                    FrameOps.Crop(frame, source.Ground.X, source.Ground.Y, source.Ground.Width, source.Ground.Height)));
                sequence.ForEach(f => f.Dispose());
            }

            foreach (var (name, frames, alpha) in subjects)
            {
                foreach (var (source, wall, ground) in patches)
                {
                    scenes.Add(Compose(name, frames, alpha, source, wall, ground));
                }
            }
        }
        finally
        {
            subjects.ForEach(s => s.Frames.ForEach(f => f.Dispose()));
            patches.ForEach(p => { p.Wall.Dispose(); p.Ground.Dispose(); });
        }

        return scenes;
    }

    /// <summary>
    /// Builds the backdrop at the subject's size: the ground's top a little above the subject's lowest foot (the feet stand
    /// in the band, as on the plates), the wall above it, each scaled to the frame's width and mirrored where it runs out;
    /// then composites every frame over it shifted by up to 3 px and re-exposed by up to ±6 %.
    /// </summary>
    private static Scene Compose(string subject, List<Frame> frames, List<byte[]> alpha, BackdropSource source, Frame wall, Frame ground)
    {
        // The canvas runs an eighth of the frame below the subject's own frame: the cut-outs end at the feet, the plates do not.
        int width = frames[0].Width, subjectHeight = frames[0].Height, height = subjectHeight + subjectHeight / 8;
        var scale = (width + 8.0) / ground.Width;
        using var wallScaled = Codec.Current.Resize(wall, Math.Max(4, (int)Math.Round(wall.Width * scale)), Math.Max(4, (int)Math.Round(wall.Height * scale)));
        using var groundScaled = Codec.Current.Resize(ground, width + 8, Math.Max(4, (int)Math.Round(ground.Height * scale)));
        var lowest = alpha.Max(a => MatteExtent.LowestSubjectRow(a, width, subjectHeight));
        var groundTop = (int)Math.Round(lowest - 0.01 * height);
        var truth = alpha.Select(a =>
        {
            var padded = new byte[width * height];
            a.CopyTo(padded, 0);
            return padded;
        }).ToList();
        using var backdrop = Frame.Create(width + 8, height + 8);
        for (var y = 0; y < backdrop.Height; y++)
        {
            // Rows of the backdrop are 4 px above the frame's top (room for the shifts).
            var below = y - 4 - groundTop;
            var (from, row) = below >= 0 ? (groundScaled, Mirror(below, groundScaled.Height)) : (wallScaled, wallScaled.Height - 1 - Mirror(-below - 1, wallScaled.Height));
            for (var x = 0; x < backdrop.Width; x++)
            {
                from.Rgb.Slice(3 * (row * from.Width + Mirror(x, from.Width)), 3).CopyTo(backdrop.Rgb.Slice(3 * (y * backdrop.Width + x), 3));
            }
        }

        var random = new Random(subject.Length * 31 + source.Name.Length);
        var composites = new List<Frame>();
        for (var f = 0; f < frames.Count; f++)
        {
            int dx = random.Next(-3, 4), dy = random.Next(-3, 4);
            var gain = 1 + 0.06 * (2 * random.NextDouble() - 1);
            var frame = Frame.Create(width, height);
            frame.Index = f;
            frame.Timestamp = frames[f].Timestamp;
            frame.Duration = frames[f].Duration;
            var rgb = frame.Rgb;
            var subjectRgb = frames[f].Rgb;
            var a = truth[f];
            for (var y = 0; y < height; y++)
            {
                var sy = y + 4 + dy;
                for (var x = 0; x < width; x++)
                {
                    var sx = x + 4 + dx;
                    var i = y * width + x;
                    var k = a[i] / 255f;
                    for (var c = 0; c < 3; c++)
                    {
                        var back = Math.Clamp(backdrop.Rgb[3 * (sy * backdrop.Width + sx) + c] * gain, 0, 255);
                        var fore = y < subjectHeight ? subjectRgb[3 * i + c] : 0;
                        rgb[3 * i + c] = (byte)Math.Clamp(k * fore + (1 - k) * back + 0.5, 0, 255);
                    }
                }
            }

            composites.Add(frame);
        }

        return new Scene(subject, source.Name, composites, truth, width, height);
    }

    /// <summary>
    /// ISNet's alpha with only the animal kept: the largest region over half cover and its soft rim (a few pixels round
    /// it). ISNet also half-takes the plate's dark left border on the elephant's frames; counted as subject it was scored as
    /// a part of the animal to find, and the farthest-point click of <see cref="MattingEvaluation.TwoClicks"/> landed on it.
    /// </summary>
    private static byte[] AnimalOnly(byte[] alpha, int width, int height)
    {
        var mask = alpha.Select(a => a >= 128).ToArray();
        var labels = new int[mask.Length];
        var sizes = new List<int>();
        MaskMorphology.Regions(mask, width, height, labels, sizes);
        if (sizes.Count < 2)
        {
            return alpha;
        }

        var animal = MaskMorphology.Largest(sizes);
        var kept = labels.Select(l => l == animal).ToArray();
        MaskMorphology.Morph(kept, width, height, 4, dilate: true);
        return alpha.Select((a, i) => kept[i] ? a : (byte)0).ToArray();
    }

    /// <summary>Column <paramref name="x"/> of a picture mirrored side by side without end (negative too).</summary>
    private static int Mirror(int x, int width)
    {
        var period = ((x % (2 * width)) + 2 * width) % (2 * width);
        return period < width ? period : 2 * width - 1 - period;
    }
}
