using Muybridge.Video.Frames;
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

    private static void Advance(PromptTracker tracker)
    {
        using var frame = Frame.Create(tracker.Width, tracker.Height);
        tracker.Advance(frame);
    }

    [Fact]
    public void A_box_cuts_away_what_reaches_outside_it_and_later_clicks_join_on_their_frame()
    {
        var soft = TwoBlobs();
        for (var x = 35; x < 60; x++)
        {
            soft[30 * 100 + x] = 0.9f; // a bridge from A to B
        }

        var tracker = new PromptTracker([new PointPrompt(20, 30), new PointPrompt(75, 30, Frame: 1)], 100, 60, [new BoxPrompt(3, 8, 34, 44)]);
        Advance(tracker);
        Assert.Single(tracker.Points);
        Assert.True(new PromptSelection().Apply(soft, tracker));
        Assert.Equal(0.9f, soft[30 * 100 + 20]);
        Assert.Equal(0f, soft[30 * 100 + 75]);
        Assert.Equal(0f, soft[30 * 100 + 45]);

        Advance(tracker);
        Assert.Equal(2, tracker.Points.Count);
    }

    [Fact]
    public void The_first_frame_needs_a_positive_click_and_the_error_says_so()
    {
        var error = Assert.ThrowsAny<InvalidOptionException>(() => new PromptTracker([new PointPrompt(20, 30, Frame: 3)], 100, 60));
        Assert.Contains("frame 0", error.Message, StringComparison.Ordinal);
        Assert.Equal(new PointPrompt(120, 80, true, 5), PointPrompt.Parse("120,80@5"));
        Assert.Equal(new BoxPrompt(1, 2, 3, 4, 7), BoxPrompt.Parse("1,2,3,4@7"));
        Assert.Throws<InvalidOptionException>(() => BoxPrompt.Parse("1,2,3"));
        Assert.Throws<InvalidOptionException>(() => PointPrompt.Parse("1,2@x"));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new BoxPrompt(90, 0, 20, 10).EnsureInside(100, 60));
    }

    [Fact]
    public void A_positive_click_keeps_its_region_with_its_fringe_and_drops_the_rest()
    {
        var soft = TwoBlobs();
        var tracker = new PromptTracker([new PointPrompt(20, 30)], 100, 60);
        Advance(tracker);
        Assert.True(new PromptSelection().Apply(soft, tracker));
        Assert.Equal(0.9f, soft[30 * 100 + 20]);
        Assert.Equal(0.3f, soft[30 * 100 + 4]);
        Assert.Equal(0f, soft[30 * 100 + 70]);
    }

    [Fact]
    public void A_click_just_off_the_subject_snaps_onto_it_and_a_negative_click_removes_a_region()
    {
        var soft = TwoBlobs();
        var tracker = new PromptTracker([new PointPrompt(38, 30), new PointPrompt(75, 30), new PointPrompt(20, 30, Positive: false)], 100, 60);
        Advance(tracker);
        Assert.True(new PromptSelection().Apply(soft, tracker));
        Assert.Equal(0f, soft[30 * 100 + 20]);
        Assert.Equal(0.8f, soft[30 * 100 + 75]);
        Assert.Equal(34, (int)tracker.Points[0].X);
    }

    [Fact]
    public void A_click_far_from_anything_gives_an_explicit_empty_matte()
    {
        var soft = TwoBlobs();
        var tracker = new PromptTracker([new PointPrompt(48, 58)], 100, 60);
        Advance(tracker);
        Assert.False(new PromptSelection().Apply(soft, tracker));
        Assert.All(soft, v => Assert.Equal(0f, v));
        Assert.ThrowsAny<InvalidOptionException>(() => new PromptTracker([new PointPrompt(1, 1, Positive: false)], 100, 60));
        Assert.ThrowsAny<OptionOutOfRangeException>(() => new PromptTracker([new PointPrompt(100, 1)], 100, 60));
    }
}
