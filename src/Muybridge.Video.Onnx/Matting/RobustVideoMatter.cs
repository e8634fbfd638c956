using System.Runtime.CompilerServices;
using Muybridge.Video.Frames;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Matting;

/// <summary>
/// Robust Video Matting (RVM): a recurrent network whose four hidden states carry what it learnt from earlier frames into
/// the next, so mattes are steady over time. Each frame's <c>r1o…r4o</c> become the next frame's <c>r1i…r4i</c> (zeros on
/// the first). The clicks then select the subject as with <see cref="SalientObjectMatter"/>, and the refiner cleans up.
/// </summary>
public sealed class RobustVideoMatter : IFrameStage, IOnnxStage
{
    private static readonly string[] StateInputs = ["r1i", "r2i", "r3i", "r4i"];
    private static readonly string[] Outputs = ["pha", "r1o", "r2o", "r3o", "r4o"];
    private readonly OnnxModel _model;
    private readonly PointPrompt[] _points;
    private readonly BoxPrompt[] _boxes;
    private readonly string[] _inputNames = ["src", .. StateInputs, "downsample_ratio"];

    /// <summary>Loads the model and checks it against the <c>rvm-mobilenetv3</c> card.</summary>
    /// <exception cref="ArgumentException">No positive point on the first frame.</exception>
    /// <exception cref="ModelContractException">The file's inputs or outputs differ from RVM's.</exception>
    public RobustVideoMatter(string modelPath, IEnumerable<PointPrompt> points, RobustVideoMatterOptions? options = null, IEnumerable<BoxPrompt>? boxes = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
        _boxes = (boxes ?? []).ToArray();
        PromptTracker.Validate(_points);

        Options = options ?? new RobustVideoMatterOptions();
        Options.Refinement.Validate();
        _model = OnnxModel.Load(modelPath, Options.Session);
        try
        {
            ModelContract.Require(_model, ModelCatalog.Find("rvm-mobilenetv3"));
        }
        catch
        {
            _model.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public RobustVideoMatterOptions Options { get; }

    /// <summary>The provider that runs the model.</summary>
    public ExecutionProvider ActiveProvider => _model.ActiveProvider;

    /// <inheritdoc />
    public string Name => "matte (rvm)";

    /// <inheritdoc />
    public async IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var run = new Recurrence(this);
        await foreach (var frame in PromptedMatting.RunAsync(frames, _points, _boxes, Options.Refinement, Options.Threshold, (f, _, matte) => run.Predict(f, matte), cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    /// <summary>One clip's run: the hidden states carried from each frame's outputs into the next frame's inputs.</summary>
    private sealed class Recurrence(RobustVideoMatter owner) : IDisposable
    {
        // r1o…r4o (outputs 1–4) become r1i…r4i (inputs 1–4); on a GPU they stay in its memory from one run to the next.
        private readonly BoundTensors _tensors = new(owner._model, owner._inputNames, Outputs, carried: [(1, 1), (2, 2), (3, 3), (4, 4)]);

        public void Predict(Frame frame, Span<float> matte)
        {
            int width = frame.Width, height = frame.Height;
            long[] zeros = [1, 1, 1, 1];
            _tensors.Ensure([[1, 3, height, width], zeros, zeros, zeros, zeros, [1]], [[1, 1, height, width], null, null, null, null]);
            TensorLayout.ToPlanar(frame.Rgb, width, new PixelRect(0, 0, width, height), width, height, _tensors.Input(0));
            _tensors.Input(5)[0] = owner.Options.DownsampleRatio ?? Math.Min(1f, 512f / Math.Max(width, height));
            _tensors.Run();
            _tensors.Output(0).CopyTo(matte);
        }

        public void Dispose() => _tensors.Dispose();
    }
}
