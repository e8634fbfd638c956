using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

public sealed class PromptSelectionTests
{
    // Two blobs on a 100x60 matte: A on the left, B on the right, with soft edges.
    private static float[] TwoBlobs()
    {
        var soft = new float[100 * 60];
        for (var y = 10; y < 50; y++)
        {
            for (var x = 5; x < 35; x++) soft[y * 100 + x] = 0.9f;
            for (var x = 60; x < 95; x++) soft[y * 100 + x] = 0.8f;
        }

        soft[30 * 100 + 4] = 0.3f; // soft fringe next to A
        return soft;
    }

    [Fact]
    public void A_positive_click_keeps_its_region_with_its_fringe_and_drops_the_rest()
    {
        var soft = TwoBlobs();
        var tracker = new PromptTracker([new PointPrompt(20, 30)], 100, 60);
        Assert.True(PromptSelection.Apply(soft, tracker));
        Assert.Equal(0.9f, soft[30 * 100 + 20]);
        Assert.Equal(0.3f, soft[30 * 100 + 4]);
        Assert.Equal(0f, soft[30 * 100 + 70]);
    }

    [Fact]
    public void A_click_just_off_the_subject_snaps_onto_it_and_a_negative_click_removes_a_region()
    {
        var soft = TwoBlobs();
        var tracker = new PromptTracker([new PointPrompt(38, 30), new PointPrompt(75, 30), new PointPrompt(20, 30, Positive: false)], 100, 60);
        Assert.True(PromptSelection.Apply(soft, tracker));
        Assert.Equal(0f, soft[30 * 100 + 20]);
        Assert.Equal(0.8f, soft[30 * 100 + 75]);
        Assert.Equal(34, (int)tracker.Points[0].X);
    }

    [Fact]
    public void A_click_far_from_anything_gives_an_explicit_empty_matte()
    {
        var soft = TwoBlobs();
        var tracker = new PromptTracker([new PointPrompt(48, 58)], 100, 60);
        Assert.False(PromptSelection.Apply(soft, tracker));
        Assert.All(soft, v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentException>(() => new PromptTracker([new PointPrompt(1, 1, Positive: false)], 100, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PromptTracker([new PointPrompt(100, 1)], 100, 60));
    }
}
