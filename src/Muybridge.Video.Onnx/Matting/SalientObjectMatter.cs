using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>
/// A salient-object matting model (ISNet, U²-Net: one image in, one matte out) restricted by the user's clicks: the model
/// says what stands out, the clicks say which of it is the subject (positive) and what to leave out (negative). The clicks
/// follow the subject along the optical flow, so the user clicks once on the first frame. Then <see cref="MatteRefiner"/>
/// cleans the edge against the image. A frame where no positive click lands on anything gets an explicit empty matte.
/// </summary>
public sealed class SalientObjectMatter : IFrameStage, IOnnxStage
{
    private readonly OnnxModel _model;
    private readonly BoundTensors _tensors;
    private readonly ChannelAffine _affine;
    private readonly PointPrompt[] _points;
    private readonly BoxPrompt[] _boxes;
    private readonly int _inputSize;
    private readonly int _outputSize;
    private int _runs;

    /// <summary>Loads the model and checks it against its catalogue card.</summary>
    /// <exception cref="ArgumentException">No positive point on the first frame.</exception>
    /// <exception cref="ModelContractException">The file's inputs or outputs differ from the card's.</exception>
    public SalientObjectMatter(string modelPath, IEnumerable<PointPrompt> points, SalientMatterOptions? options = null, IEnumerable<BoxPrompt>? boxes = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
        _boxes = (boxes ?? []).ToArray();
        PromptTracker.Validate(_points);

        Options = options ?? new SalientMatterOptions();
        Options.Refinement.Validate();
        if (Options.BackdropFrames is < 0 or > 256)
        {
            throw new OptionOutOfRangeException(nameof(options), Options.BackdropFrames, "BackdropFrames is a count of frames from 0 (off) to 256.");
        }

        Card = ModelCatalog.Find(Options.CatalogName);
        if (Card.Stage != ModelStage.Matting)
        {
            throw new InvalidOptionException($"'{Card.Name}' is a {Card.Stage} model, not a matting model.", nameof(options));
        }

        _affine = ChannelAffine.From(Card.InputFormat ?? ImageTensorFormat.CenteredUnit);
        _model = OnnxModel.Load(modelPath, Options.Session);
        try
        {
            var (inputs, outputs) = ModelContract.Require(_model, Card);
            var input = _model.Session.InputMetadata[inputs[0]].Dimensions;
            var output = _model.Session.OutputMetadata[outputs[0]].Dimensions;
            _inputSize = input[^1] > 0 ? input[^1] : 1024;
            _outputSize = output[^1] > 0 ? output[^1] : _inputSize;
            if (input[1] is not (3 or -1))
            {
                throw new ModelContractException($"'{modelPath}' takes {ModelContract.Describe(_model.Session.InputMetadata[inputs[0]])}; a matting model takes a 3-channel image.");
            }

            // Bind only the matte: ISNet's side outputs are never copied out.
            _tensors = new BoundTensors(_model, inputs, [outputs[0]]);
            _tensors.Ensure([[1, 3, _inputSize, _inputSize]], [[1, 1, _outputSize, _outputSize]]);
        }
        catch
        {
            _model.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public SalientMatterOptions Options { get; }

    /// <summary>The contract the file was checked against.</summary>
    public ModelCard Card { get; }

    /// <summary>The provider that runs the model.</summary>
    public ExecutionProvider ActiveProvider => _model.ActiveProvider;

    /// <summary>How many times the network has run (once per frame matted).</summary>
    public int Runs => _runs;

    /// <inheritdoc />
    public string Name => $"matte ({Card.Name})";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => PromptedMatting.RunAsync(frames, _points, _boxes, Options.Refinement, Options.Threshold, (frame, _, matte) => Predict(frame, matte), cancellationToken, Options.BackdropFrames, cutDoubtfulPatches: true);

    /// <summary>The model's raw matte (0…1, frame-sized), before clicks and refinement.</summary>
    public void Predict(Frame frame, Span<float> matte)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var placement = ModelImage.Write(frame, _inputSize, _inputSize, ResizeMode.Stretch, _affine, _tensors.Input(0));
        _tensors.Run();
        Interlocked.Increment(ref _runs);
        ModelImage.ReadPlane(_tensors.Output(0), _outputSize, _outputSize, placement, _inputSize, _inputSize, matte[..frame.PixelCount], frame.Width, frame.Height);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tensors.Dispose();
        _model.Dispose();
    }
}
