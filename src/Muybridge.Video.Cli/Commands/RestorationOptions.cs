using System.CommandLine;
using Muybridge.Video.Restoration;

namespace Muybridge.Video.Cli.Commands;

/// <summary>
/// The restoration steps (repeated frames, tone, dust, stride), shared by <c>restore</c>, where they are on by default, and
/// <c>render</c>, where <c>--restore</c> turns them on, so each switch means the same in both.
/// </summary>
internal sealed class RestorationOptions
{
    private readonly Option<bool> _keepDuplicates = new("--keep-duplicates") { Description = "Keep repeated frames (default: a GIF or film that holds each photograph for several frames is collapsed to its photographs)." };
    private readonly Option<bool> _noTone = new("--no-tone") { Description = "Leave each camera's exposure as it is (default: match every frame's backdrop to the first frame's)." };
    private readonly Option<bool> _noDespeckle = new("--no-despeckle") { Description = "Leave dust and specks (default: repair what is on one photograph only, from its neighbours)." };
    private readonly Option<bool> _stride = new("--stride") { Description = "Trim to one gait cycle starting where the loop seam is smoothest (fails clearly when there is no repeating stride)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_keepDuplicates);
        command.Options.Add(_noTone);
        command.Options.Add(_noDespeckle);
        command.Options.Add(_stride);
    }

    /// <summary>The first restoration switch given on the command line, if any.</summary>
    public string? AnyGiven(ParseResult parse)
        => new Option<bool>[] { _keepDuplicates, _noTone, _noDespeckle, _stride }.FirstOrDefault(o => parse.GetValue(o))?.Name;

    /// <summary>Every restoration stage asked for, in order, with the backdrop registration between when asked for (as `restore` runs them).</summary>
    public (IReadOnlyList<IFrameStage> Stages, StrideLoop? Stride) Stages(ParseResult parse, bool register)
    {
        var stages = new List<IFrameStage>();
        if (!parse.GetValue(_keepDuplicates))
        {
            stages.Add(new DuplicateFrameCollapser());
        }

        if (register)
        {
            stages.Add(new Registration.BackdropRegistration());
        }

        if (!parse.GetValue(_noTone))
        {
            stages.Add(new ToneNormalizer());
        }

        if (!parse.GetValue(_noDespeckle))
        {
            stages.Add(new SpeckRepair());
        }

        var stride = parse.GetValue(_stride) ? new StrideLoop() : null;
        if (stride is not null)
        {
            stages.Add(stride);
        }

        return (stages, stride);
    }

    /// <summary>Says on the terminal which stride was kept, once the run is over.</summary>
    public static void Report(StrideLoop? stride)
    {
        if (stride?.Cycle is { } cycle)
        {
            Console.WriteLine($"stride: {cycle.Period} frames from frame {cycle.LoopStart} (seam {cycle.SeamCost:0.00}× an ordinary step)");
        }
    }
}
