using Muybridge.Video.Frames;
using Muybridge.Video.Quality;
using Muybridge.Video.Sources;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Tests;

public sealed class StylizationTests
{
    internal static string Reference(string name)
        => Path.Combine(SharedData.RepositoryRoot ?? throw new DirectoryNotFoundException($"No repository above {AppContext.BaseDirectory}."), "samples", "references", name);

    /// <summary>horse-in-motion flattened on mid-grey, as the evaluation does.</summary>
    internal static async Task<List<Frame>> HorseAsync(int count)
    {
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"));
        var frames = (await TestImages.ReadAllAsync(source)).ToList();
        foreach (var extra in frames.Skip(count))
        {
            extra.Dispose();
        }

        frames = frames.Take(count).ToList();
        frames.ForEach(FrameOps.FlattenOnGrey);

        return frames;
    }

    /// <summary>The warping error the outputs add over the inputs' own, summed over consecutive pairs.</summary>
    internal static double AddedFlicker(IReadOnlyList<Frame> inputs, IReadOnlyList<Frame> outputs)
    {
        var temporal = new TemporalQuality();
        double added = 0;
        for (var i = 1; i < inputs.Count; i++)
        {
            added += temporal.WarpingError(inputs[i - 1], inputs[i], outputs[i - 1], outputs[i]) - temporal.WarpingError(inputs[i - 1], inputs[i], inputs[i - 1], inputs[i]);
        }

        return added;
    }

    private static async Task<List<Frame>> RunAsync(ReferenceColorizer stage, List<Frame> inputs)
        => await stage.ProcessAsync(inputs.Select(f => f.Clone()).ToAsyncEnumerable(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_colorizer_colours_grey_frames_keeps_their_structure_and_steadies_them_over_time()
    {
        var inputs = await HorseAsync(6);
        var reference = Reference("field-cc0.jpg");
        var steady = await RunAsync(ReferenceColorizer.FromFiles(reference), inputs);
        var perFrame = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { FrameConsistency = 0 }), inputs);
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                Assert.Equal(0, TemporalQuality.Colourfulness(inputs[i]), 3);
                Assert.True(TemporalQuality.Colourfulness(steady[i]) > 0.02, $"frame {i} is still grey");
                Assert.True(ImageQuality.Ssim(steady[i], inputs[i]) >= 0.85, $"frame {i}: structure lost, SSIM {ImageQuality.Ssim(steady[i], inputs[i]):0.000}");
            }

            // The flicker stylization adds over the grey input's own warping error falls by at least half.
            double added = AddedFlicker(inputs, perFrame), addedSteady = AddedFlicker(inputs, steady);
            Assert.True(addedSteady <= 0.5 * added, $"added flicker: per frame {added:0.0000}, frame-consistent {addedSteady:0.0000}");
        }
        finally
        {
            inputs.Concat(steady).Concat(perFrame).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task The_knobs_do_what_they_say_at_their_ends()
    {
        var inputs = await HorseAsync(1);
        var reference = Reference("field-cc0.jpg");
        var none = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { StyleWeight = 0 }), inputs);
        var toneKept = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { StructureConsistency = 1 }), inputs);
        var toneFree = await RunAsync(ReferenceColorizer.FromFiles(reference, new StyleOptions { StructureConsistency = 0, StyleWeight = 1 }), inputs);
        try
        {
            // Style weight 0: the grey frame comes back (Oklab round trip within a level).
            var maxDifference = 0;
            for (var i = 0; i < inputs[0].Rgb.Length; i++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(none[0].Rgb[i] - inputs[0].Rgb[i]));
            }

            Assert.True(maxDifference <= 1, $"style weight 0 changed a value by {maxDifference}");

            // Structure 1 keeps every tone; structure 0 follows the reference's tones and loses some of the frame's.
            Assert.True(ImageQuality.Ssim(toneKept[0], inputs[0]) > ImageQuality.Ssim(toneFree[0], inputs[0]));
            Assert.True(ImageQuality.Ssim(toneKept[0], inputs[0]) > 0.95);
        }
        finally
        {
            inputs.Concat(none).Concat(toneKept).Concat(toneFree).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_subject_reference_colours_the_matted_subject_and_the_background_follows_the_other()
    {
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"));
        var frames = await TestImages.ReadAllAsync(source);
        using var frame = frames[0];
        frames.Skip(1).ToList().ForEach(f => f.Dispose());
        var truth = frame.Alpha.ToArray();
        var colorizer = ReferenceColorizer.FromFiles(Reference("field-cc0.jpg"), subjectReferencePath: Reference("chestnut-palette.png"));
        using var output = (await RunAsync(colorizer, [frame]))[0];

        // Hue of the subject: chestnut (Oklab a and b both clearly positive: red-orange-brown).
        double subjectA = 0, subjectB = 0;
        var count = 0;
        for (var i = 0; i < frame.PixelCount; i++)
        {
            if (truth[i] == 255)
            {
                var (_, a, b) = Oklab.FromSrgb(output.Rgb[3 * i], output.Rgb[3 * i + 1], output.Rgb[3 * i + 2]);
                subjectA += a;
                subjectB += b;
                count++;
            }
        }

        Assert.True(subjectA / count > 0.02 && subjectB / count > 0.02, $"subject colour a {subjectA / count:0.000}, b {subjectB / count:0.000}");
    }

    [Fact]
    public void Bad_references_and_knobs_are_refused_clearly()
    {
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceColorizer.FromFiles(Reference("field-cc0.jpg"), new StyleOptions { StyleWeight = 1.5f }));
        Assert.Contains("StyleWeight", range.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceColorizer.FromFiles(Reference("field-cc0.jpg"), new StyleOptions { FrameConsistency = -0.1f }));
        var missing = Path.Combine(Path.GetTempPath(), "no-such-reference.jpg");
        var error = Assert.ThrowsAny<Exception>(() => ReferenceColorizer.FromFiles(missing));
        Assert.Contains("no-such-reference.jpg", error.Message, StringComparison.Ordinal);
    }
}
