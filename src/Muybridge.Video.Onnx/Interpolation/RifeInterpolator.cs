using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Interpolation;

/// <summary>
/// Runs a RIFE 4.x ONNX export (inputs <c>img0</c>, <c>img1</c> as [1,3,H,W] RGB in 0…1 and <c>timestep</c> as
/// [1,1,H,W] or a scalar; one [1,3,H,W] output; fp32 or fp16). Frames are padded to the model's alignment by repeating
/// edge pixels and the result is cropped back. Cut-outs: the matte is interpolated by a second run on the alpha plane.
/// Tensor buffers are kept while the frame size stays the same.
/// </summary>
public sealed class RifeInterpolator : IFrameInterpolator, IOnnxStage
{
    private readonly OnnxModel _model;
    private readonly BoundTensors _tensors;
    private readonly bool _half;
    private readonly bool _timestepIsPlane;
    private readonly long[] _timestepShape;
    private int _paddedWidth;
    private int _paddedHeight;

    /// <summary>Loads a RIFE export and checks its inputs and outputs.</summary>
    /// <exception cref="ModelContractException">The model's inputs or outputs are not RIFE's.</exception>
    public RifeInterpolator(string modelPath, RifeOptions? options = null)
    {
        Options = options ?? new RifeOptions();
        if (Options.Alignment is < 1 or > 256)
        {
            throw new OptionOutOfRangeException(nameof(options), Options.Alignment, "Alignment must be between 1 and 256.");
        }

        _model = OnnxModel.Load(modelPath, Options.Session);
        try
        {
            (_half, _timestepIsPlane, _timestepShape) = CheckContract(_model);
            _tensors = new BoundTensors(_model, ["img0", "img1", "timestep"], [_model.Session.OutputMetadata.Keys.First()]);
        }
        catch
        {
            _model.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public RifeOptions Options { get; }

    /// <summary>The provider that runs the model.</summary>
    public ExecutionProvider ActiveProvider => _model.ActiveProvider;

    /// <summary>Whether the model takes half-precision tensors.</summary>
    public bool IsHalfPrecision => _half;

    /// <inheritdoc />
    public string Name => "rife";

    /// <inheritdoc />
    public void Interpolate(Frame first, Frame second, ReadOnlySpan<float> times, ReadOnlySpan<Frame> results, CancellationToken cancellationToken = default)
    {
        InterpolationChecks.Validate(first, second, times, results);
        Prepare(first.Width, first.Height);
        for (var k = 0; k < times.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = results[k];
            var whole = new PixelRect(0, 0, first.Width, first.Height);
            TensorLayout.ToPlanar(first.Rgb, first.Width, whole, _paddedWidth, _paddedHeight, _tensors.Input(0));
            TensorLayout.ToPlanar(second.Rgb, first.Width, whole, _paddedWidth, _paddedHeight, _tensors.Input(1));
            Run(times[k]);
            TensorLayout.FromPlanar(_tensors.Output(0), _paddedWidth, _paddedHeight, 0, 0, result.Rgb, result.Width, whole);
            if (InterpolationChecks.PrepareAlpha(first, second, result))
            {
                TensorLayout.AlphaToPlanar(first.HasAlpha ? first.Alpha : default, first.Width, first.Height, _paddedWidth, _paddedHeight, _tensors.Input(0));
                TensorLayout.AlphaToPlanar(second.HasAlpha ? second.Alpha : default, first.Width, first.Height, _paddedWidth, _paddedHeight, _tensors.Input(1));
                Run(times[k]);
                TensorLayout.AlphaFromPlanar(_tensors.Output(0), _paddedWidth, _paddedHeight, result.Alpha, first.Width, first.Height);
            }
        }
    }

    private void Run(float t)
    {
        _tensors.Input(2).Fill(t);
        _tensors.Run();
    }

    // Pads to the model's alignment; the tensors are bound anew only when the size changes.
    private void Prepare(int width, int height)
    {
        var a = Options.Alignment;
        _paddedWidth = (width + a - 1) / a * a;
        _paddedHeight = (height + a - 1) / a * a;
        long[] imageShape = [1, 3, _paddedHeight, _paddedWidth];
        long[] timeShape = _timestepIsPlane ? [1, 1, _paddedHeight, _paddedWidth] : _timestepShape;
        _tensors.Ensure([imageShape, imageShape, timeShape], [imageShape]);
    }

    private static (bool Half, bool TimestepIsPlane, long[] TimestepShape) CheckContract(OnnxModel model)
    {
        var inputs = model.Session.InputMetadata;
        var outputs = model.Session.OutputMetadata;
        var described = ModelContract.Describe(inputs);
        foreach (var name in new[] { "img0", "img1", "timestep" })
        {
            if (!inputs.ContainsKey(name))
            {
                throw new ModelContractException($"'{model.Path}' is not a RIFE 4.x export: expected inputs img0 [1,3,H,W], img1 [1,3,H,W], timestep [1,1,H,W]; it has {described}.");
            }
        }

        if (inputs.Count != 3 || outputs.Count < 1)
        {
            throw new ModelContractException($"'{model.Path}' is not a RIFE 4.x export: expected exactly img0, img1, timestep and one output; it has inputs {described} and {outputs.Count} output(s).");
        }

        var type = inputs["img0"].ElementDataType;
        if (type is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new ModelContractException($"'{model.Path}': img0 is {type}; RIFE adapters take float32 or float16.");
        }

        foreach (var name in new[] { "img0", "img1" })
        {
            var dims = inputs[name].Dimensions;
            if (dims.Length != 4 || (dims[1] != 3 && dims[1] != -1) || inputs[name].ElementDataType != type)
            {
                throw new ModelContractException($"'{model.Path}': input {name} is {ModelContract.Describe(inputs[name])}; RIFE takes {type} [1,3,H,W].");
            }
        }

        var output = outputs.First();
        if (output.Value.Dimensions.Length != 4 || (output.Value.Dimensions[1] != 3 && output.Value.Dimensions[1] != -1) || output.Value.ElementDataType != type)
        {
            throw new ModelContractException($"'{model.Path}': output {output.Key} is {ModelContract.Describe(output.Value)}; RIFE gives {type} [1,3,H,W].");
        }

        var timestep = inputs["timestep"];
        if (timestep.ElementDataType != type)
        {
            throw new ModelContractException($"'{model.Path}': timestep is {timestep.ElementDataType}, not {type} like the images.");
        }

        var plane = timestep.Dimensions.Length == 4;
        if (!plane && timestep.Dimensions.Length > 2)
        {
            throw new ModelContractException($"'{model.Path}': timestep is {ModelContract.Describe(timestep)}; RIFE takes [1,1,H,W] or a scalar.");
        }

        var shape = timestep.Dimensions.Select(d => (long)Math.Max(d, 1)).ToArray();
        return (type == TensorElementType.Float16, plane, shape);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tensors.Dispose();
        _model.Dispose();
    }
}
