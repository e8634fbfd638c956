using Muybridge.Video.Depth;
using Muybridge.Video.Frames;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Depth;

/// <summary>
/// Monocular depth from an ONNX export of MiDaS v2.1 small, DPT or Depth-Anything v1/v2 (catalogued contracts: a fixed
/// square RGB input, a relative inverse-depth output [1,H,W] or [1,1,H,W]). The frame is letterboxed into the input, the
/// output cropped back and resampled to the frame, and its robust range mapped to nearness 0…1. Tensors are bound once
/// and reused, so a steady stream of frames allocates nothing per frame in this adapter.
/// </summary>
public sealed class OnnxDepthEstimator : IDepthEstimator, IOnnxStage
{
    private readonly OnnxModel _model;
    private readonly BoundTensors _tensors;
    private readonly ChannelAffine _affine;
    private readonly int _inputSize;
    private readonly int _outputWidth;
    private readonly int _outputHeight;
    private readonly int[] _histogram = new int[4096];

    /// <summary>Loads the model and checks it against the catalogue card named in <paramref name="options"/>.</summary>
    /// <exception cref="ModelContractException">The file's input or output names or ranks differ from the card's.</exception>
    public OnnxDepthEstimator(string modelPath, OnnxDepthOptions? options = null)
    {
        Options = options ?? new OnnxDepthOptions();
        Card = ModelCatalog.Find(Options.CatalogName);
        if (Card.Stage != ModelStage.Depth)
        {
            throw new InvalidOptionException($"'{Card.Name}' is a {Card.Stage} model, not a depth model.", nameof(options));
        }

        var format = Options.Format ?? Card.InputFormat ?? ImageTensorFormat.ImageNet;
        format.Validate();
        _affine = ChannelAffine.From(format);
        _model = OnnxModel.Load(modelPath, Options.Session);
        try
        {
            var (inputs, outputs) = ModelContract.Require(_model, Card);
            var inputDims = _model.Session.InputMetadata[inputs[0]].Dimensions;
            var outputDims = _model.Session.OutputMetadata[outputs[0]].Dimensions;
            _inputSize = inputDims[^1] > 0 ? inputDims[^1] : SizeFromCard(Card);
            _outputHeight = outputDims[^2] > 0 ? outputDims[^2] : _inputSize;
            _outputWidth = outputDims[^1] > 0 ? outputDims[^1] : _inputSize;
            if (inputDims[1] is not (3 or -1) || (inputDims[^2] > 0 && inputDims[^2] != _inputSize))
            {
                throw new ModelContractException($"'{modelPath}' takes {ModelContract.Describe(_model.Session.InputMetadata[inputs[0]])}; a depth model takes a square 3-channel image.");
            }

            _tensors = new BoundTensors(_model, inputs, outputs);
            var outputShape = outputDims.Length == 4 ? new long[] { 1, 1, _outputHeight, _outputWidth } : [1, _outputHeight, _outputWidth];
            _tensors.Ensure([[1, 3, _inputSize, _inputSize]], [outputShape]);
        }
        catch
        {
            _model.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public OnnxDepthOptions Options { get; }

    /// <summary>The contract the file was checked against.</summary>
    public ModelCard Card { get; }

    /// <summary>The provider that runs the model.</summary>
    public ExecutionProvider ActiveProvider => _model.ActiveProvider;

    /// <inheritdoc />
    public string Name => Card.Name;

    /// <inheritdoc />
    public void Estimate(Frame frame, Span<float> nearness, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (nearness.Length < frame.PixelCount)
        {
            throw new InvalidOptionException($"The depth plane holds {nearness.Length} values; the frame has {frame.PixelCount} pixels.", nameof(nearness));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var placement = ModelImage.Write(frame, _inputSize, _inputSize, Options.Resize, _affine, _tensors.Input(0));
        _tensors.Run();
        var plane = nearness[..frame.PixelCount];
        ModelImage.ReadPlane(_tensors.Output(0), _outputWidth, _outputHeight, placement, _inputSize, _inputSize, plane, frame.Width, frame.Height);
        NormaliseRobustly(plane);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tensors.Dispose();
        _model.Dispose();
    }

    // Relative inverse depth has an arbitrary scale and shift per frame: map its robust range (a histogram's percentiles,
    // linear time) to 0..1.
    private void NormaliseRobustly(Span<float> plane)
    {
        float min = float.MaxValue, max = float.MinValue;
        foreach (var v in plane)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (!(max > min))
        {
            plane.Clear();
            return;
        }

        Array.Clear(_histogram);
        var toBin = (_histogram.Length - 1) / (max - min);
        foreach (var v in plane)
        {
            _histogram[(int)((v - min) * toBin)]++;
        }

        var clip = (int)(Options.ClipFraction * plane.Length);
        int lowBin = 0, highBin = _histogram.Length - 1;
        for (var seen = 0; lowBin < highBin && seen + _histogram[lowBin] <= clip; lowBin++)
        {
            seen += _histogram[lowBin];
        }

        for (var seen = 0; highBin > lowBin && seen + _histogram[highBin] <= clip; highBin--)
        {
            seen += _histogram[highBin];
        }

        var low = min + lowBin / toBin;
        var high = min + (highBin + 1) / toBin;
        var scale = 1f / (high - low);
        for (var i = 0; i < plane.Length; i++)
        {
            plane[i] = Math.Clamp((plane[i] - low) * scale, 0f, 1f);
        }
    }

    private static int SizeFromCard(ModelCard card)
    {
        var dims = card.Inputs[0].Shape.Trim('[', ']').Split(',');
        return int.TryParse(dims[^1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var size) ? size : 518;
    }
}
