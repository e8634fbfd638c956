using System.CommandLine;
using System.Globalization;
using Muybridge.Video.Matting;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and meanings stay the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Input() => new("--input", "-i")
    {
        Description = "Input: a folder of frames, an animated GIF/WebP, a plate image (with --plate) or a video file. `interpolate --at` takes two images.",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Outputs() => new("--output", "-o")
    {
        Description = "Output: .mp4, .gif, .webp, .apng, or a folder name (no extension) for PNG frames. Repeat for several outputs.",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Plate() => new("--plate") { Description = "The input image is a plate of ROWSxCOLUMNS frames, e.g. 4x4." };

    public static Option<bool> KeepFrameNumbers() => new("--keep-frame-numbers") { Description = "Leave the frame numbers printed on a plate's pictures (default: a small glyph in the same corner of most pictures is painted out)." };

    public static Option<CanvasFit> Fit() => new("--fit") { Description = "Frames of different sizes in a folder: refuse (default), center, stretch.", DefaultValueFactory = _ => CanvasFit.Refuse };

    public static Option<double> InputFps() => new Option<double>("--input-fps") { Description = "Frame rate given to folders and plates (they have none of their own).", DefaultValueFactory = _ => 12 }.Within(0.01, 1000);

    public static Option<double?> Fps() => new Option<double?>("--fps") { Description = "Constant output frame rate (frames repeated or dropped by time). Default: the frames' own timing." }.Within(0.01, 1000);

    public static Option<string[]> Points() => new("--point") { Description = "A click on the subject, x,y in pixels of the first frame, or x,y@N on frame N (corrects the selection from there). Repeat for more points." };

    public static Option<string[]> Boxes() => new("--box") { Description = "A box around the subject, x,y,width,height (optionally @frame): what lies outside is backdrop. Repeatable." };

    public static Option<string[]> Negatives() => new("--negative") { Description = "A click on something to leave out, x,y. Repeatable." };

    public static Option<string?> ContactSheet() => new("--contact-sheet") { Description = "Also write a contact sheet of the output frames (.png or .jpg)." };

    /// <summary>--loop, one meaning everywhere (the clip's last frame leads back to its first); <paramref name="here"/> says what the command does with it.</summary>
    public static Option<bool> Loop(string here) => new("--loop") { Description = $"The clip loops: its last frame leads back to its first. {here}" };

    /// <summary>--feather, the matte's own edge softness, for every command that makes a matte.</summary>
    public static Option<double> Feather() => new("--feather") { Description = "Matte edge softness in pixels.", DefaultValueFactory = _ => 1.5 };

    /// <summary>--temporal, the matte's steadiness from frame to frame, for every command that makes a matte.</summary>
    public static Option<float> Temporal() => new("--temporal") { Description = "0…1: keep this much of the previous frame's matte where the image did not change (no lag on moving legs); with --loop it starts from the clip's end." };

    public static Option<Onnx.Sessions.ExecutionProvider[]> Providers() => new("--provider")
    {
        Description = "ONNX Runtime execution provider to try, best first (cpu, cuda, directml, tensorrt, coreml, openvino); repeatable. A provider that cannot load falls back to the CPU with a note.",
    };

    public static Onnx.Sessions.OnnxSessionOptions Session(Onnx.Sessions.ExecutionProvider[]? providers)
        => providers is { Length: > 0 } ? new Onnx.Sessions.OnnxSessionOptions { Providers = providers, FallbackToCpu = true } : Onnx.Sessions.OnnxSessionOptions.Cpu;

    /// <summary>Says on stderr when the model runs on another provider than the first one asked for.</summary>
    public static void ReportProvider(Onnx.Sessions.ExecutionProvider[]? asked, Onnx.Sessions.ExecutionProvider active)
    {
        if (asked is { Length: > 0 } && asked[0] != active)
        {
            Console.Error.WriteLine($"note: {asked[0]} is not available here; running on {active}. See `muybridge providers`.");
        }
    }

    public static (int Rows, int Columns)? ParseGrid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var rows) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var columns) && rows > 0 && columns > 0)
        {
            return (rows, columns);
        }

        throw new UsageException($"--plate takes ROWSxCOLUMNS, e.g. 4x4 or 2x6, not '{text}'.");
    }

    public static PointPrompt[] ParsePoints(string[]? positive, string[]? negative)
        => (positive ?? []).Select(p => PointPrompt.Parse(p, positive: true))
            .Concat((negative ?? []).Select(p => PointPrompt.Parse(p, positive: false)))
            .ToArray();
}
