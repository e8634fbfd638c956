using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Pixels;
using Muybridge.Video.Streaming;

namespace Muybridge.Video.Matting;

/// <summary>
/// The loop every click-prompted matter shares, for a stage that brings only its model: carry the prompts along the flow
/// (<see cref="PromptTracker"/>), let the model predict a soft matte, keep what the prompts select
/// (<see cref="PromptSelection"/>), optionally cut the patches of backdrop the model took in (<see cref="BackdropCheck"/>,
/// reading half its window ahead), refine (<see cref="MatteRefiner"/>, smoothing over the loop seam when the refinement
/// loops), and write the alpha plane. The ONNX matters (ISNet, SAM, RVM) are this loop around their models.
/// </summary>
public static class PromptedMatting
{
    /// <summary>
    /// Writes the model's soft matte (0…1, one value per pixel of <paramref name="frame"/>) into <paramref name="matte"/>;
    /// <paramref name="tracker"/> holds the prompts where they are on this frame.
    /// </summary>
    public delegate void Predict(Frame frame, PromptTracker tracker, Span<float> matte);

    /// <summary>
    /// Mattes <paramref name="frames"/>: each comes out with an alpha plane. <paramref name="threshold"/> is where the soft
    /// matte counts as subject for the selection; <paramref name="backdropFrames"/> is the window of the backdrop check
    /// (under 3: no check). With <paramref name="cutDoubtfulPatches"/> the refined matte's solid patches of middling alpha
    /// that look like the backdrop around them are cut (<see cref="DoubtfulPatches"/>: for salient-object models, whose
    /// doubt shows as such patches). Memory stays at the backdrop window however long the input.
    /// </summary>
    /// <exception cref="InvalidOptionException">No positive point on the first frame, or settings out of range.</exception>
    public static IAsyncEnumerable<Frame> RunAsync(
        IAsyncEnumerable<Frame> frames, IReadOnlyList<PointPrompt> points, IReadOnlyList<BoxPrompt> boxes, MatteRefinementOptions refinement, float threshold, Predict predict,
        CancellationToken cancellationToken, int backdropFrames = 0, bool cutDoubtfulPatches = false)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(refinement);
        ArgumentNullException.ThrowIfNull(predict);
        PromptTracker.Validate(points);
        refinement.Validate();
        if (!(threshold >= 0f && threshold <= 1f))
        {
            throw new OptionOutOfRangeException(nameof(threshold), threshold, $"The selection threshold is a matte value from 0 to 1, not {threshold}.");
        }

        if (backdropFrames < 0)
        {
            throw new OptionOutOfRangeException(nameof(backdropFrames), backdropFrames, $"The backdrop check reads a count of frames (under 3: off), not {backdropFrames}.");
        }

        var (perFrame, loopSmoothing) = refinement.SplitForLoop();
        return MatteRefiner.LoopSmoothed(MatteAsync(frames, points, boxes, perFrame, threshold, predict, backdropFrames, cutDoubtfulPatches, cancellationToken), loopSmoothing, cancellationToken);
    }

    // Under this share of the last frame's matte, the model has lost the subject rather than seen it turn or move.
    private const float LostShare = 0.25f;

    private static async IAsyncEnumerable<Frame> MatteAsync(
        IAsyncEnumerable<Frame> frames, IReadOnlyList<PointPrompt> points, IReadOnlyList<BoxPrompt> boxes, MatteRefinementOptions refinement, float threshold, Predict predict,
        int backdropFrames, bool cutDoubtfulPatches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PromptTracker? tracker = null;
        var selection = new PromptSelection();
        var refiner = new MatteRefiner(refinement);
        var reach = backdropFrames >= 3 ? backdropFrames / 2 : 0;
        var check = reach > 0 ? new BackdropCheck(2 * reach + 1) : null;

        // Mattes wait in the window until their turn: one buffer per slot, plus the clicks as they stood on that frame.
        var mattes = new float[2 * reach + 1][];
        var clicks = new List<(float X, float Y, bool Positive)>[2 * reach + 1];
        var selected = new bool[2 * reach + 1];
        var standIn = new bool[2 * reach + 1];
        float[] last = [];
        var lastSeen = false;
        var lastArea = 0f;
        long admitted = -1;
        await foreach (var frame in ReadAhead.RunAsync(frames, reach, Admit, Finish, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }

        long Admit(Frame frame)
        {
            tracker ??= new PromptTracker(points, frame.Width, frame.Height, boxes);
            tracker.Advance(frame);
            var slot = (int)((admitted + 1) % mattes.Length);
            if (mattes[slot] is null || mattes[slot].Length != frame.PixelCount)
            {
                mattes[slot] = new float[frame.PixelCount];
            }

            var plane = mattes[slot];
            predict(frame, tracker, plane);
            selected[slot] = selection.Apply(plane, tracker, threshold);

            // A model can lose the subject on one frame (the bowler plate's cell in the book fold, where ISNet keeps the
            // rider's head alone): when the clicks select nothing, or under a quarter of what they selected a frame
            // before (an animal does not shrink so between two photographs), the last frame the model saw stands in,
            // placed over what it still sees (CarriedMatte), and the frame says it is unsure. One frame only: a subject
            // that stays lost has left or is hidden, and the model's own matte says so.
            var area = selected[slot] ? TensorPrimitives.Sum<float>(plane) : 0f;
            standIn[slot] = lastSeen && area < LostShare * lastArea;
            if (standIn[slot])
            {
                CarriedMatte.Place(last, plane, plane, frame.Width, frame.Height);
                selected[slot] = true;
            }

            lastSeen = selected[slot] && !standIn[slot];
            if (lastSeen)
            {
                ScratchBuffer.Ensure(ref last, plane.Length);
                plane.CopyTo(last, 0);
                lastArea = area;
            }

            (clicks[slot] ??= []).Clear();
            clicks[slot].AddRange(tracker.Points);
            return admitted = check?.Add(frame, plane) ?? admitted + 1;
        }

        Frame Finish(Frame frame, long index, long lastAdmitted)
        {
            var slot = (int)(index % mattes.Length);
            var plane = mattes[slot].AsSpan(0, frame.PixelCount);
            if (selected[slot])
            {
                check?.Apply(index, Math.Max(0, index - reach), Math.Min(lastAdmitted, index + reach), clicks[slot]);
                refiner.Refine(frame, plane);

                // After the refiner: a patch cut before it would come back as a hole it fills.
                if (cutDoubtfulPatches)
                {
                    DoubtfulPatches.Cut(frame, plane);
                }
            }

            UnitBytes.FromUnit(plane, frame.EnsureAlpha(0));
            if (standIn[slot])
            {
                frame.MatteConfidence = 0f;
            }

            return frame;
        }
    }
}
