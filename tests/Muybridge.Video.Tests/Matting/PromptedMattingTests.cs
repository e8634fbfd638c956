using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;

namespace Muybridge.Video.Tests;

/// <summary>
/// The click-prompted matting loop a stage writer builds on: a "model" that sees every dark thing, two dark squares that
/// move, one click; only the clicked square comes out, on every frame, and every frame is returned to its pool.
/// </summary>
public sealed class PromptedMattingTests : PooledTest
{
    private const int Width = 96, Height = 64, Side = 16, Step = 2;

    private static int LeftOf(int square, int frame) => (square == 0 ? 8 : 56) + Step * frame;

    private static async IAsyncEnumerable<Frame> TwoSquares(int count, FramePool pool, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = Frame.Create(Width, Height, pool);
            frame.Rgb.Fill(200);
            for (var square = 0; square < 2; square++)
            {
                for (var y = 24; y < 24 + Side; y++)
                {
                    frame.Rgb.Slice((y * Width + LeftOf(square, i)) * 3, Side * 3).Fill(30);
                }
            }

            frame.Index = i;
            yield return frame;
            await Task.Yield();
        }
    }

    // Everything darker than mid-grey is "subject": both squares, as a salient-object model would see them.
    private static void Dark(Frame frame, PromptTracker tracker, Span<float> matte)
    {
        for (var i = 0; i < matte.Length; i++)
        {
            matte[i] = frame.Rgb[3 * i] < 128 ? 1f : 0f;
        }
    }

    [Fact]
    public async Task Only_the_clicked_square_is_matted_on_every_frame_as_both_move()
    {
        var pool = new FramePool();
        var frames = 0;
        await foreach (var frame in PromptedMatting.RunAsync(
            TwoSquares(8, pool, TestContext.Current.CancellationToken), [new PointPrompt(LeftOf(0, 0) + Side / 2, 32)], [], MatteRefinementOptions.None, 0.5f, Dark, TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.True(frame.HasAlpha);
                Assert.Equal(255, frame.Alpha[32 * Width + LeftOf(0, frames) + Side / 2]);
                Assert.Equal(0, frame.Alpha[32 * Width + LeftOf(1, frames) + Side / 2]);
                Assert.Equal(0, frame.Alpha[4 * Width + 4]);
                Assert.Equal(Side * Side, frame.Alpha.ToArray().Count(a => a == 255));
                frames++;
            }
        }

        Assert.Equal(8, frames);
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task A_frame_the_model_loses_gets_the_last_matte_it_saw_and_says_it_is_unsure(int backdropFrames)
    {
        // The "model" sees nothing on frames 3 and 7 and only a 4x4 piece of the square under the click on frame 6 (as
        // ISNet keeps the rider's head alone on the bowler plate's cell in the book fold): frames 3 and 6 get the last
        // matte, in place on 3 (the square has moved on 2 px) and placed over the piece the model still sees on 6, and a
        // confidence of 0; of two lost frames in a row only the first is stood in for, the second (7) keeps the model's
        // empty matte. Frames the model sees carry no confidence.
        void Blind(Frame frame, PromptTracker tracker, Span<float> matte)
        {
            Dark(frame, tracker, matte);
            if (frame.Index is 3 or 6 or 7)
            {
                var centre = LeftOf(0, (int)frame.Index) + Side / 2;
                for (var i = 0; i < matte.Length; i++)
                {
                    int x = i % Width, y = i / Width;
                    matte[i] = frame.Index == 6 && Math.Abs(x - centre) < 2 && Math.Abs(y - 32) < 2 ? matte[i] : 0f;
                }
            }
        }

        var pool = new FramePool();
        var seen = 0;
        await foreach (var frame in PromptedMatting.RunAsync(
            TwoSquares(9, pool, TestContext.Current.CancellationToken), [new PointPrompt(LeftOf(0, 0) + Side / 2, 32)], [], MatteRefinementOptions.None, 0.5f, Blind,
            TestContext.Current.CancellationToken, backdropFrames))
        {
            using (frame)
            {
                var i = (int)frame.Index;
                var covered = frame.Alpha.ToArray().Count(a => a >= 128);
                if (i == 7)
                {
                    Assert.Equal(0, covered);
                    Assert.Null(frame.MatteConfidence);
                }
                else
                {
                    // The square where it is on this frame, or within a step of it where the stand-in is held in place (3).
                    int both = 0, either = 0;
                    for (var p = 0; p < frame.PixelCount; p++)
                    {
                        int x = p % Width, y = p / Width;
                        bool truth = y is >= 24 and < 24 + Side && x >= LeftOf(0, i) && x < LeftOf(0, i) + Side, matte = frame.Alpha[p] >= 128;
                        both += truth && matte ? 1 : 0;
                        either += truth || matte ? 1 : 0;
                    }

                    Assert.True(both / (double)either >= (i is 3 or 6 ? 0.75 : 1.0), $"frame {i}: IoU {both / (double)either:0.000}");
                    Assert.Equal(i is 3 or 6 ? 0f : null, frame.MatteConfidence);
                    Assert.Equal(0, frame.Alpha[32 * Width + LeftOf(1, i) + Side / 2]);
                }

                seen++;
            }
        }

        Assert.Equal(9, seen);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Prompts_that_cannot_start_a_matte_are_refused_before_a_frame_is_read()
    {
        var pool = new FramePool();
        var error = Assert.ThrowsAny<InvalidOptionException>(() => PromptedMatting.RunAsync(
            TwoSquares(2, pool, TestContext.Current.CancellationToken), [new PointPrompt(10, 10, Positive: false)], [], MatteRefinementOptions.None, 0.5f, Dark, TestContext.Current.CancellationToken));
        Assert.Contains("positive point", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<OptionOutOfRangeException>(() => PromptedMatting.RunAsync(
            TwoSquares(2, pool, TestContext.Current.CancellationToken), [new PointPrompt(10, 10)], [], MatteRefinementOptions.None, 1.5f, Dark, TestContext.Current.CancellationToken));
        Assert.Equal(0, pool.Outstanding);
    }
}
