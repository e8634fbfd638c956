using Muybridge.Video.Streaming;
using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>
/// The loop every model matter shares: carry the prompts along the flow, let the model predict a soft matte, keep what the
/// prompts select, optionally cut the patches of backdrop the model took in (<see cref="BackdropCheck"/>, reading half its
/// window ahead), refine, and write the alpha plane.
/// </summary>
internal static class PromptedMatting
{
    public delegate void Predict(Frame frame, PromptTracker tracker, Span<float> matte);

    public static IAsyncEnumerable<Frame> RunAsync(
        IAsyncEnumerable<Frame> frames, PointPrompt[] points, BoxPrompt[] boxes, MatteRefinementOptions refinement, float threshold, Predict predict,
        CancellationToken cancellationToken, int backdropFrames = 0)
    {
        var (perFrame, loopSmoothing) = refinement.SplitForLoop();
        return MatteRefiner.LoopSmoothed(MatteAsync(frames, points, boxes, perFrame, threshold, predict, backdropFrames, cancellationToken), loopSmoothing, cancellationToken);
    }

    private static async IAsyncEnumerable<Frame> MatteAsync(
        IAsyncEnumerable<Frame> frames, PointPrompt[] points, BoxPrompt[] boxes, MatteRefinementOptions refinement, float threshold, Predict predict,
        int backdropFrames, [EnumeratorCancellation] CancellationToken cancellationToken)
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
            }

            PlanarKernels.PlaneToBytes(plane, frame.EnsureAlpha(0), 1f / 255f, 0f);
            return frame;
        }
    }
}
