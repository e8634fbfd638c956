using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
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
public sealed class RobustVideoMatter : IFrameStage, IDisposable
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

    /// <summary>One clip's state: the hidden tensors.</summary>
    private sealed class Recurrence(RobustVideoMatter owner) : IDisposable
    {
        private OrtIoBinding? _binding;
        private float[] _source = [];
        private float[] _ratio = [1f];
        private IDisposableReadOnlyCollection<OrtValue>? _previous;
        private OrtValue? _zeros;

        public void Predict(Frame frame, Span<float> matte)
        {
            int width = frame.Width, height = frame.Height, n = frame.PixelCount;
            if (_source.Length != 3 * n)
            {
                _source = new float[3 * n];
            }

            TensorLayout.ToPlanar(frame.Rgb, width, new PixelRect(0, 0, width, height), width, height, _source);
            _ratio[0] = owner.Options.DownsampleRatio ?? Math.Min(1f, 512f / Math.Max(width, height));
            _zeros ??= OrtValue.CreateTensorValueFromMemory(new float[1], [1, 1, 1, 1]);
            _binding ??= owner._model.Session.CreateIoBinding();
            using var source = OrtValue.CreateTensorValueFromMemory(_source, [1, 3, height, width]);
            using var ratio = OrtValue.CreateTensorValueFromMemory(_ratio, [1]);

            // Everything is bound again each frame: a host input goes to the device when it is bound, and each frame's states
            // must be fresh tensors, not last frame's (which are this frame's inputs). On a GPU the states are bound to its
            // memory, so they go from one run to the next without a round trip through the host; the matte comes back.
            _binding.BindInput(owner._inputNames[0], source);
            for (var s = 0; s < 4; s++)
            {
                _binding.BindInput(owner._inputNames[s + 1], _previous is null ? _zeros : _previous[s + 1]);
            }

            _binding.BindInput(owner._inputNames[5], ratio);
            _binding.BindOutputToDevice(Outputs[0], OrtMemoryInfo.DefaultInstance);
            for (var s = 1; s < Outputs.Length; s++)
            {
                _binding.BindOutputToDevice(Outputs[s], owner._model.ResidentMemory ?? OrtMemoryInfo.DefaultInstance);
            }

            var outputs = owner._model.Session.RunWithBoundResults(owner._model.RunOptions, _binding);
            _previous?.Dispose();
            _previous = outputs;
            var pha = outputs[0].GetTensorDataAsSpan<float>();
            if (pha.Length != n)
            {
                throw new ModelContractException($"'{owner._model.Path}' returned a {pha.Length}-value matte for a {width}x{height} frame.");
            }

            pha.CopyTo(matte);
        }

        public void Dispose()
        {
            _previous?.Dispose();
            _binding?.Dispose();
            _zeros?.Dispose();
        }
    }
}
