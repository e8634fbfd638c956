using System.CommandLine;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Cli.Commands;

/// <summary>The options that say what to read (--input, --plate, --fit, --input-fps, --keep-frame-numbers), shared by every command that reads frames.</summary>
internal sealed class InputOptions
{
    private readonly Option<string[]> _input = CommonOptions.Input();
    private readonly Option<string?> _plate = CommonOptions.Plate();
    private readonly Option<CanvasFit> _fit = CommonOptions.Fit();
    private readonly Option<double> _inputFps = CommonOptions.InputFps();
    private readonly Option<bool> _keepFrameNumbers = CommonOptions.KeepFrameNumbers();

    public void AddTo(Command command)
    {
        // First in --help: what to read comes before how to process it.
        command.Options.Insert(0, _input);
        command.Options.Insert(1, _plate);
        command.Options.Insert(2, _fit);
        command.Options.Insert(3, _inputFps);
        command.Options.Insert(4, _keepFrameNumbers);
    }

    public string[] Inputs(ParseResult parse) => parse.GetValue(_input) ?? [];

    /// <summary>Whether the input is a plate (a scanned sheet), where registration is on by default.</summary>
    public bool IsPlate(ParseResult parse) => parse.GetValue(_plate) is not null;

    public Task<IFrameSource> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var inputs = Inputs(parse);
        if (inputs.Length != 1)
        {
            throw new UsageException($"Give exactly one --input here (a folder, GIF/WebP, plate or video), not {inputs.Length}.");
        }

        return CommandRunner.OpenAsync(inputs[0], parse.GetValue(_plate), parse.GetValue(_fit), parse.GetValue(_inputFps), parse.GetValue(_keepFrameNumbers), cancellationToken);
    }

    /// <summary>Refuses, before any work, an output that is one of the inputs (the same file or folder, links followed).</summary>
    /// <exception cref="ArgumentException">An output would overwrite an input.</exception>
    public void RefuseOverwriting(ParseResult parse, IEnumerable<string> outputs)
    {
        var inputs = Inputs(parse).Select(Resolved).ToHashSet(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            if (inputs.Contains(Resolved(output)))
            {
                throw new UsageException($"The output '{output}' is the input: it would be overwritten. Write somewhere else.");
            }
        }
    }

    private static string Resolved(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        try
        {
            return (File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName : null) ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
