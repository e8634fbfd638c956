using Muybridge.Video.Imaging;
using System.Diagnostics;
using Muybridge.Video.Ffmpeg;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Sinks;

/// <summary>One ffmpeg process fed raw frames on stdin, writing a temporary file that is committed only when it exits cleanly.</summary>
internal sealed class FfmpegEncoder : IDisposable
{
    private readonly PartialOutput _output;
    private Process? _process;
    private Task<string>? _errors;
    private Stream? _input;

    public FfmpegEncoder(string path)
    {
        // Fail before any work is done rather than after the first frame was computed.
        FfmpegTool.Locate("ffmpeg");
        _output = PartialOutput.ForFile(path);
    }

    public string FinalPath => _output.FinalPath;

    public string TemporaryPath => _output.TemporaryPath;

    public bool Started => _process is not null;

    /// <summary>The output frame rate, fixed by the first frame (or the caller).</summary>
    public double FramesPerSecond { get; private set; }

    /// <summary>
    /// Starts ffmpeg on the first frame (size and rate from it, arguments from <paramref name="arguments"/>: width, height,
    /// rate) or checks a later frame has the same size; returns how many output ticks the frame covers.
    /// </summary>
    public int Admit(Frame frame, double? framesPerSecond, Func<int, int, string, IReadOnlyList<string>> arguments)
    {
        if (_process is null)
        {
            (_width, _height) = (frame.Width, frame.Height);
            FramesPerSecond = framesPerSecond ?? (frame.Duration > TimeSpan.Zero ? 1 / frame.Duration.TotalSeconds : 25);
            Start(arguments(_width, _height, FramesPerSecond.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));
        }
        else if (frame.Width != _width || frame.Height != _height)
        {
            throw new InvalidFrameInputException($"Frame {frame.Index} is {frame.Width}x{frame.Height} but the video '{FinalPath}' is {_width}x{_height}.");
        }

        return FrameRateConverter.TicksCovered(frame, FramesPerSecond);
    }

    private int _width;
    private int _height;

    private void Start(IReadOnlyList<string> arguments)
    {
        _process = FfmpegTool.Start("ffmpeg", arguments, redirectInput: true, redirectOutput: false);
        _errors = FfmpegTool.DrainErrorsAsync(_process);
        _input = _process.StandardInput.BaseStream;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await _input!.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ExternalToolException($"ffmpeg stopped while encoding '{FinalPath}': {(await _errors!.ConfigureAwait(false)).Trim()}", e);
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_process is null)
        {
            throw new InvalidOperationException($"No frames were written to '{FinalPath}'.");
        }

        await _input!.DisposeAsync().ConfigureAwait(false);
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var errors = await _errors!.ConfigureAwait(false);
        if (_process.ExitCode != 0)
        {
            throw new ExternalToolException($"ffmpeg failed (exit {_process.ExitCode}) writing '{FinalPath}': {errors.Trim()}");
        }

        _output.CommitFile();
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            FfmpegTool.Kill(_process);
            _process.WaitForExit();
            _process.Dispose();
            _process = null;
        }

        _output.Abort();
    }
}
