using Microsoft.ML.OnnxRuntime;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>
/// Point-prompt segmentation with a SAM-family model (MobileSAM, SAM) split into an image encoder and the prompt decoder
/// that SAM's export script writes. The frame is scaled so its longest side is 1024 and padded bottom-right, as SAM
/// expects; the clicks (tracked along the flow) and the box go to the decoder in that scaled space; the previous frame's
/// low-resolution mask goes back in as <c>mask_input</c>, so the selection stays steady; the full-size mask logits become
/// the alpha, refined like the other matters.
/// </summary>
public sealed class SegmentAnythingMatter : IFrameStage, IOnnxStage
{
    private const int Side = 1024;
    private readonly OnnxModel _encoder;
    private readonly OnnxModel _decoder;
    private readonly BoundTensors _embedding;
    private readonly BoundTensors _prompted;
    private readonly ChannelAffine _affine = ChannelAffine.From(ImageTensorFormat.ImageNet);
    private readonly PointPrompt[] _points;
    private readonly BoxPrompt[] _boxes;
    private static readonly string[] DecoderInputs = ["image_embeddings", "point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"];
    private static readonly string[] DecoderOutputs = ["masks", "low_res_masks"];

    /// <summary>Loads both graphs and checks them against the <c>mobile-sam-encoder</c> and <c>sam-decoder</c> cards.</summary>
    /// <exception cref="ArgumentException">No positive point on the first frame.</exception>
    /// <exception cref="ModelContractException">Either file has another signature.</exception>
    public SegmentAnythingMatter(string encoderPath, string decoderPath, IEnumerable<PointPrompt> points, SegmentAnythingOptions? options = null, IEnumerable<BoxPrompt>? boxes = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
        _boxes = (boxes ?? []).ToArray();
        PromptTracker.Validate(_points);
        Options = options ?? new SegmentAnythingOptions();
        Options.Refinement.Validate();
        _encoder = OnnxModel.Load(encoderPath, Options.Session);
        try
        {
            var (inputs, outputs) = ModelContract.Require(_encoder, ModelCatalog.Find("mobile-sam-encoder"));
            _decoder = OnnxModel.Load(decoderPath, Options.Session);
            ModelContract.Require(_decoder, ModelCatalog.Find("sam-decoder"));
            _embedding = new BoundTensors(_encoder, inputs, outputs, residentOutputs: [0]);
            _embedding.Ensure([[1, 3, Side, Side]], [[1, 256, 64, 64]]);
            _prompted = new BoundTensors(_decoder, DecoderInputs, DecoderOutputs);
        }
        catch
        {
            _embedding?.Dispose();
            _decoder?.Dispose();
            _encoder.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public SegmentAnythingOptions Options { get; }

    /// <summary>The provider that runs the encoder.</summary>
    public ExecutionProvider ActiveProvider => _encoder.ActiveProvider;

    /// <inheritdoc />
    public string Name => "matte (segment anything)";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
    {
        // The previous frame's low-resolution logits go back in as mask_input: the selection stays steady.
        var previousMask = new float[256 * 256];
        var hasPrevious = false;
        return PromptedMatting.RunAsync(frames, _points, _boxes, Options.Refinement, 0.5f, (frame, tracker, matte) =>
        {
            Decode(frame, tracker, previousMask, hasPrevious, matte);
            hasPrevious = true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _prompted.Dispose();
        _embedding.Dispose();
        _decoder.Dispose();
        _encoder.Dispose();
    }

    private void Decode(Frame frame, PromptTracker tracker, float[] previousMask, bool hasPrevious, Span<float> soft)
    {
        ModelImage.Write(frame, Side, Side, ResizeMode.Letterbox, _affine, _embedding.Input(0));
        _embedding.Run();

        // Prompts in the 1024-scaled frame: clicks (1 / 0), the box's corners (2, 3), or SAM's padding point (-1).
        var scale = (float)Side / Math.Max(frame.Width, frame.Height);
        var prompts = tracker.Points.Select(p => (X: (p.X + 0.5f) * scale, Y: (p.Y + 0.5f) * scale, Label: p.Positive ? 1f : 0f)).ToList();
        if (tracker.Box is { } box)
        {
            prompts.Add((box.X * scale, box.Y * scale, 2f));
            prompts.Add(((box.X + box.Width) * scale, (box.Y + box.Height) * scale, 3f));
        }
        else
        {
            prompts.Add((0f, 0f, -1f));
        }

        long[] embeddingShape = [1, 256, 64, 64];
        _prompted.Ensure(
            [embeddingShape, [1, prompts.Count, 2], [1, prompts.Count], [1, 1, 256, 256], [1], [2]],
            [[1, 1, frame.Height, frame.Width], [1, 1, 256, 256]]);

        // On a GPU the embedding never leaves the device: the encoder's output is the decoder's input.
        _prompted.Feed(0, _embedding.OutputValue(0));
        var coords = _prompted.Input(1);
        var labels = _prompted.Input(2);
        for (var p = 0; p < prompts.Count; p++)
        {
            (coords[2 * p], coords[2 * p + 1], labels[p]) = (prompts[p].X, prompts[p].Y, prompts[p].Label);
        }

        previousMask.CopyTo(_prompted.Input(3));
        _prompted.Input(4)[0] = hasPrevious ? 1f : 0f;
        (_prompted.Input(5)[0], _prompted.Input(5)[1]) = (frame.Height, frame.Width);
        _prompted.Run();
        var masks = _prompted.Output(0);
        for (var i = 0; i < soft.Length; i++)
        {
            soft[i] = 1f / (1f + MathF.Exp(-masks[i]));
        }

        _prompted.Output(1).CopyTo(previousMask);
    }
}
