using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Muybridge.Video.Frames;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;
using Muybridge.Video.Upscaling;

namespace Muybridge.Video.Onnx.Upscaling;

/// <summary>
/// Real-ESRGAN ×4 (e.g. realesr-animevideov3: <c>input</c> f32 [N,3,H,W] RGB 0…1, <c>output</c> [N,3,4H,4W]) run tile by
/// tile: each tile carries <see cref="RealEsrganOptions.TileOverlap"/> pixels of context that are cropped away, so a frame
/// of any size fits in memory and the tiles join without seams. Alpha is upscaled with Lanczos.
/// </summary>
public sealed class RealEsrganUpscaler : IFrameStage, IDisposable
{
    private const int ModelScale = 4;
    private readonly OnnxModel _model;
    private readonly string _inputName;
    private readonly string[] _outputNames;
    private readonly float[] _tile;

    /// <summary>Loads the model and checks its contract.</summary>
    /// <exception cref="ModelContractException">The model is not a 3-channel float image-to-image network.</exception>
    public RealEsrganUpscaler(string modelPath, RealEsrganOptions? options = null)
    {
        Options = options ?? new RealEsrganOptions();
        Options.Validate();
        _model = OnnxModel.Load(modelPath, Options.Session);
        try
        {
            var inputs = _model.Session.InputMetadata;
            var outputs = _model.Session.OutputMetadata;
            var input = inputs.First();
            var output = outputs.First();
            if (inputs.Count != 1 || input.Value.Dimensions.Length != 4 || input.Value.Dimensions[1] is not (3 or -1) || input.Value.ElementDataType != TensorElementType.Float
                || output.Value.Dimensions.Length != 4 || output.Value.ElementDataType != TensorElementType.Float)
            {
                throw new ModelContractException(
                    $"'{modelPath}' is not a Real-ESRGAN export: expected one float input [N,3,H,W] and a float output [N,3,4H,4W]; it has inputs {ModelContract.Describe(inputs)} and outputs {ModelContract.Describe(outputs)}.");
            }

            _inputName = input.Key;
            _outputNames = [output.Key];
        }
        catch
        {
            _model.Dispose();
            throw;
        }

        _tile = new float[3 * Options.TileSize * Options.TileSize];
    }

    /// <summary>The settings in use.</summary>
    public RealEsrganOptions Options { get; }

    /// <summary>The provider that runs the model.</summary>
    public ExecutionProvider ActiveProvider => _model.ActiveProvider;

    /// <inheritdoc />
    public string Name => $"real-esrgan ×{Options.Scale}";

    /// <inheritdoc />
    public IAsyncEnumerable<Frame> ProcessAsync(IAsyncEnumerable<Frame> frames, CancellationToken cancellationToken)
        => PerFrame.MapAsync(frames, frame => Upscale(frame, cancellationToken), cancellationToken);

    /// <summary>Upscales one frame; index, timing and alpha are carried over.</summary>
    public Frame Upscale(Frame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var full = frame.CreateSibling(frame.Width * ModelScale, frame.Height * ModelScale);
        try
        {
            PerFrame.CopyTiming(frame, full);
            var step = Options.TileSize - 2 * Options.TileOverlap;
            for (var ty = 0; ty < frame.Height; ty += step)
            {
                for (var tx = 0; tx < frame.Width; tx += step)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RunTile(frame, full, tx, ty, Math.Min(step, frame.Width - tx), Math.Min(step, frame.Height - ty));
                }
            }

            if (frame.HasAlpha)
            {
                using var alpha = LanczosUpscaler.Upscale(frame, ModelScale);
                alpha.Alpha.CopyTo(full.EnsureAlpha());
            }
            else if (full.HasAlpha)
            {
                full.RemoveAlpha();
            }

            if (Options.Scale == ModelScale)
            {
                return full;
            }

            using (full)
            {
                var half = Imaging.Codec.Current.Resize(full, frame.Width * Options.Scale, frame.Height * Options.Scale);
                PerFrame.CopyTiming(frame, half);
                return half;
            }
        }
        catch
        {
            full.Dispose();
            throw;
        }
    }

    private void RunTile(Frame frame, Frame target, int coreX, int coreY, int coreWidth, int coreHeight)
    {
        var overlap = Options.TileOverlap;
        int x0 = Math.Max(coreX - overlap, 0), y0 = Math.Max(coreY - overlap, 0);
        int x1 = Math.Min(coreX + coreWidth + overlap, frame.Width), y1 = Math.Min(coreY + coreHeight + overlap, frame.Height);
        int w = x1 - x0, h = y1 - y0, plane = w * h;
        TensorLayout.ToPlanar(frame.Rgb, frame.Width, new PixelRect(x0, y0, w, h), w, h, _tile);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _tile.AsMemory(0, 3 * plane), [1, 3, h, w]);
        using var outputs = _model.Session.Run(_model.RunOptions, [_inputName], [input], _outputNames);
        var result = outputs[0].GetTensorDataAsSpan<float>();
        int ow = w * ModelScale, outPlane = ow * h * ModelScale;
        if (result.Length != 3 * outPlane)
        {
            throw new ModelContractException($"'{_model.Path}' returned {result.Length} values for a {w}x{h} tile; a ×4 model returns {3 * outPlane}.");
        }

        var core = new PixelRect(coreX * ModelScale, coreY * ModelScale, coreWidth * ModelScale, coreHeight * ModelScale);
        TensorLayout.FromPlanar(result, ow, h * ModelScale, (coreX - x0) * ModelScale, (coreY - y0) * ModelScale, target.Rgb, target.Width, core);
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
