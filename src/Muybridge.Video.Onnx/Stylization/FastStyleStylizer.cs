using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;
using Muybridge.Video.Pixels;
using Muybridge.Video.Streaming;
using Muybridge.Video.Stylization;

namespace Muybridge.Video.Onnx.Stylization;

/// <summary>
/// Johnson-style fast neural style transfer (the fns-* models: <c>inputImage</c> [N,3,720,720] BGR 0…255 in,
/// <c>outputImage</c> out), letterboxed in and resized back to the frame, with the same knobs as the model-free
/// colorizer applied around the model: style weight blends the stylized frame with the original, structure consistency
/// puts the original's lightness back, frame consistency smooths colour and lightness along the flow of the input.
/// </summary>
public sealed class FastStyleStylizer : IFrameStage, IOnnxStage
{
    private readonly OnnxModel _model;
    private readonly BoundTensors _tensors;
    private readonly ChannelAffine _affine = ChannelAffine.From(ImageTensorFormat.Bgr255);
    private readonly int _size;

    /// <summary>Loads a style model and checks it against the fast-neural-style contract.</summary>
    /// <exception cref="ModelContractException">The file's inputs or outputs differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A knob is outside 0…1.</exception>
    public FastStyleStylizer(string modelPath, FastStyleOptions? options = null)
    {
        Options = options ?? new FastStyleOptions();
        Options.Style.Validate();
        _model = OnnxModel.Load(modelPath, Options.Session);
        try
        {
            var (inputs, outputs) = ModelContract.Require(_model, ModelCatalog.Find("fns-candy"));
            var dims = _model.Session.InputMetadata[inputs[0]].Dimensions;
            _size = dims[^1] > 0 ? dims[^1] : 720;
            _tensors = new BoundTensors(_model, inputs, outputs);
            _tensors.Ensure([[1, 3, _size, _size]], [[1, 3, _size, _size]]);
        }
        catch
        {
            _model.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public FastStyleOptions Options { get; }

    /// <summary>The provider that runs the model.</summary>
    public ExecutionProvider ActiveProvider => _model.ActiveProvider;

    /// <inheritdoc />
    public string Name => $"stylize ({Path.GetFileNameWithoutExtension(_model.Path)})";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
    {
        var stabilizer = new TemporalStabilizer();
        float[] l0 = [], a0 = [], b0 = [], l1 = [], a1 = [], b1 = [];
        return LoopPriming.RunAsync(frames, Options.Style.Loop, Options.Style.FrameConsistency, Process, cancellationToken);

        void Process(Frame frame)
        {
            var n = frame.PixelCount;
            if (l0.Length < n)
            {
                (l0, a0, b0, l1, a1, b1) = (new float[n], new float[n], new float[n], new float[n], new float[n], new float[n]);
            }

            using var styled = Stylize(frame);
            Oklab.FromSrgb(frame.Rgb, l0.AsSpan(0, n), a0.AsSpan(0, n), b0.AsSpan(0, n));
            Oklab.FromSrgb(styled.Rgb, l1.AsSpan(0, n), a1.AsSpan(0, n), b1.AsSpan(0, n));
            float weight = Options.Style.StyleWeight, structure = Options.Style.StructureConsistency;
            for (var i = 0; i < n; i++)
            {
                var styledL = l0[i] + (l1[i] - l0[i]) * weight;
                l1[i] = structure * l0[i] + (1 - structure) * styledL;
                a1[i] = a0[i] + (a1[i] - a0[i]) * weight;
                b1[i] = b0[i] + (b1[i] - b0[i]) * weight;
            }

            stabilizer.Apply(frame, l1.AsSpan(0, n), a1.AsSpan(0, n), b1.AsSpan(0, n), Options.Style.FrameConsistency, carryLightness: true);
            Oklab.ToSrgb(l1.AsSpan(0, n), a1.AsSpan(0, n), b1.AsSpan(0, n), frame.Rgb);
        }
    }

    /// <summary>The model's raw output for one frame, at the frame's size (no knobs applied).</summary>
    public Frame Stylize(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var placement = ModelImage.Write(frame, _size, _size, ResizeMode.Letterbox, _affine, _tensors.Input(0));
        _tensors.Run();
        using var region = Frame.Create(placement.Width, placement.Height);
        TensorLayout.FromPlanar(_tensors.Output(0), _size, _size, placement.X, placement.Y, region.Rgb, region.Width, new PixelRect(0, 0, placement.Width, placement.Height), _affine);
        return region.Width == frame.Width && region.Height == frame.Height ? region.Clone() : FrameResize.Lanczos3(region, frame.Width, frame.Height);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tensors.Dispose();
        _model.Dispose();
    }
}
