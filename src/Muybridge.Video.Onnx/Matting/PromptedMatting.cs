using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>
/// The loop every model matter shares: carry the prompts along the flow, let the model predict a soft matte, keep what the
/// prompts select, refine, and write the alpha plane.
/// </summary>
internal static class PromptedMatting
{
    public delegate void Predict(Frame frame, PromptTracker tracker, Span<float> matte);

    public static IAsyncEnumerable<Frame> RunAsync(
        IAsyncEnumerable<Frame> frames, PointPrompt[] points, BoxPrompt[] boxes, MatteRefinementOptions refinement, float threshold, Predict predict,
        CancellationToken cancellationToken)
    {
        var (perFrame, loopSmoothing) = refinement.SplitForLoop();
        return MatteRefiner.LoopSmoothed(MatteAsync(frames, points, boxes, perFrame, threshold, predict, cancellationToken), loopSmoothing, cancellationToken);
    }

    private static async IAsyncEnumerable<Frame> MatteAsync(
        IAsyncEnumerable<Frame> frames, PointPrompt[] points, BoxPrompt[] boxes, MatteRefinementOptions refinement, float threshold, Predict predict,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PromptTracker? tracker = null;
        var refiner = new MatteRefiner(refinement);
        float[] soft = [];
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                tracker ??= new PromptTracker(points, frame.Width, frame.Height, boxes);
                tracker.Advance(frame);
                if (soft.Length < frame.PixelCount)
                {
                    soft = new float[frame.PixelCount];
                }

                var plane = soft.AsSpan(0, frame.PixelCount);
                predict(frame, tracker, plane);
                if (PromptSelection.Apply(plane, tracker, threshold))
                {
                    refiner.Refine(frame, plane);
                }

                PlanarKernels.PlaneToBytes(plane, frame.EnsureAlpha(0), 1f / 255f, 0f);
            }
            catch
            {
                frame.Dispose();
                throw;
            }

            yield return frame;
        }
    }
}
