using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests.Onnx;

/// <summary>
/// U²-Net and RVM cannot be downloaded here: their adapters run against signature fixtures with the exports' exact
/// inputs and outputs (tests/fixtures/make_signature_fixtures.py), whose bodies make layout and recurrence checkable.
/// </summary>
public sealed class MattingAdapterTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    [Fact]
    public async Task U2net_fixture_lands_its_matte_on_the_dark_horse_through_the_salient_matter()
    {
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"));
        var frames = await TestImages.ReadAllAsync(source);
        using var light = Frame.Create(400, 300);
        light.Rgb.Fill(200);
        using var scene = ScrollingBackground.FromFrame(light, 0);
        using var composite = new Compositor(scene).Composite(frames[0]);
        composite.RemoveAlpha();
        var truth = frames[0].Alpha.ToArray();
        frames.ForEach(f => f.Dispose());

        using var matter = new SalientObjectMatter(Fixture("u2net_signature.onnx"), [new PointPrompt(245, 169)], new SalientMatterOptions { CatalogName = "u2net" });
        var matted = await matter.ProcessAsync(new[] { composite.Clone() }.ToAsyncEnumerable(), TestContext.Current.CancellationToken).SingleAsync(TestContext.Current.CancellationToken);
        using (matted)
        {
            int both = 0, either = 0;
            for (var i = 0; i < truth.Length; i++)
            {
                bool a = matted.Alpha[i] >= 128, b = truth[i] >= 128;
                both += a && b ? 1 : 0;
                either += a || b ? 1 : 0;
            }

            // The fixture's "matte" is only darkness (the coat's pale patches and the soft halo are lost at 320 px), measured
            // 0.65; a frame placed, scaled or normalised wrongly scores near 0.
            Assert.True((double)both / either > 0.6, $"IoU {(double)both / either:0.000}");
        }
    }

    [Fact]
    public async Task Rvm_feeds_each_frames_recurrent_state_into_the_next()
    {
        using var matter = new RobustVideoMatter(Fixture("rvm_signature.onnx"), [new PointPrompt(10, 10)], new RobustVideoMatterOptions { Refinement = MatteRefinementOptions.None });
        var frames = Enumerable.Range(0, 8).Select(i =>
        {
            var f = Frame.Create(64, 48);
            f.Rgb.Fill(100);
            f.Index = i;
            return f;
        }).ToAsyncEnumerable();
        var alphas = new List<byte>();
        await foreach (var frame in matter.ProcessAsync(frames, TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.All(frame.Alpha.ToArray(), a => Assert.Equal(frame.Alpha[0], a));
                alphas.Add(frame.Alpha[0]);
            }
        }

        // pha = 0.1 × (number of frames seen before): under the 0.5 threshold for frames 0–4, then selected.
        Assert.Equal([0, 0, 0, 0, 0], alphas.Take(5));
        Assert.InRange(alphas[6], 153, 154);
        Assert.InRange(alphas[7], 178, 179);
    }

    [Fact]
    public void A_file_that_is_not_rvm_is_refused_naming_both_signatures()
    {
        var error = Assert.Throws<ModelContractException>(() => new RobustVideoMatter(Fixture("u2net_signature.onnx"), [new PointPrompt(1, 1)]));
        Assert.Contains("r1i", error.Message, StringComparison.Ordinal);
        Assert.Contains("input.1", error.Message, StringComparison.Ordinal);
    }
}
