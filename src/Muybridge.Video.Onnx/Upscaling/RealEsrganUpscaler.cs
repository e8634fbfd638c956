using Microsoft.ML.OnnxRuntime.Tensors;
using Muybridge.Video.Frames;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Tensors;
using Muybridge.Video.Streaming;
using Muybridge.Video.Upscaling;

namespace Muybridge.Video.Onnx.Upscaling;

/// <summary>
/// Real-ESRGAN ×4 (e.g. realesr-animevideov3: <c>input</c> f32 [N,3,H,W] RGB 0…1, <c>output</c> [N,3,4H,4W]) run tile by
/// tile: each tile carries <see cref="RealEsrganOptions.TileOverlap"/> pixels of context that are cropped away, so a frame
/// of any size fits in memory and the tiles join without seams. Alpha is upscaled with Lanczos.
/// </summary>
public sealed class RealEsrganUpscaler : IFrameStage, IOnnxStage
{
    private const int ModelScale = 4;
    private readonly OnnxModel _model;
    private readonly BoundTensors _tensors;
    private readonly long[][] _inputShape = [[1, 3, 0, 0]];
    private readonly long[][] _outputShape = [[1, 3, 0, 0]];

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

            _tensors = new BoundTensors(_model, [input.Key], [output.Key]);
        }
        catch
        {
            _model.Dispose();
            throw;
        }
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

            // Every tile has the same size (edge tiles slide inward rather than shrink), so the bound tensors are reused.
            var tileWidth = Math.Min(Options.TileSize, frame.Width);
            var tileHeight = Math.Min(Options.TileSize, frame.Height);
            BindTiles(tileWidth, tileHeight);
            var stepX = tileWidth == frame.Width ? frame.Width : Options.TileSize - 2 * Options.TileOverlap;
            var stepY = tileHeight == frame.Height ? frame.Height : Options.TileSize - 2 * Options.TileOverlap;
            for (var ty = 0; ty < frame.Height; ty += stepY)
            {
                for (var tx = 0; tx < frame.Width; tx += stepX)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RunTile(frame, full, new PixelRect(tx, ty, Math.Min(stepX, frame.Width - tx), Math.Min(stepY, frame.Height - ty)), tileWidth, tileHeight);
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
                var half = Imaging.FrameResize.Lanczos3(full, frame.Width * Options.Scale, frame.Height * Options.Scale);
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

    private void BindTiles(int width, int height)
    {
        _inputShape[0][2] = height;
        _inputShape[0][3] = width;
        _outputShape[0][2] = height * ModelScale;
        _outputShape[0][3] = width * ModelScale;
        _tensors.Ensure(_inputShape, _outputShape);
    }

    private void RunTile(Frame frame, Frame target, PixelRect core, int tileWidth, int tileHeight)
    {
        var overlap = Options.TileOverlap;
        var x0 = Math.Clamp(core.X - overlap, 0, frame.Width - tileWidth);
        var y0 = Math.Clamp(core.Y - overlap, 0, frame.Height - tileHeight);
        TensorLayout.ToPlanar(frame.Rgb, frame.Width, new PixelRect(x0, y0, tileWidth, tileHeight), tileWidth, tileHeight, _tensors.Input(0));
        _tensors.Run();
        var scaled = new PixelRect(core.X * ModelScale, core.Y * ModelScale, core.Width * ModelScale, core.Height * ModelScale);
        TensorLayout.FromPlanar(_tensors.Output(0), tileWidth * ModelScale, tileHeight * ModelScale, (core.X - x0) * ModelScale, (core.Y - y0) * ModelScale, target.Rgb, target.Width, scaled);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tensors.Dispose();
        _model.Dispose();
    }
}
