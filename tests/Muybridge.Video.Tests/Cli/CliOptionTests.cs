using System.CommandLine;
using Muybridge.Video.Cli;

namespace Muybridge.Video.Tests;

/// <summary>One meaning per option: an option several commands share is defined once, so its help reads the same in each.</summary>
public sealed class CliOptionTests
{
    private static List<(string Command, Option Option)> AllOptions()
    {
        var found = new List<(string, Option)>();
        void Walk(Command command, string path)
        {
            found.AddRange(command.Options.Select(o => (path, o)));
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, $"{path} {sub.Name}".Trim());
            }
        }

        Walk(MuybridgeCli.Create(), "");
        return found;
    }

    [Theory]
    [InlineData("--feather", 2)]
    [InlineData("--temporal", 2)]
    [InlineData("--provider", 5)]
    [InlineData("--point", 3)]
    [InlineData("--output", 8)]
    public void A_shared_option_has_one_description_everywhere(string name, int atLeast)
    {
        var uses = AllOptions().Where(u => u.Option.Name == name).ToList();
        Assert.True(uses.Count >= atLeast, $"{name} is used by {uses.Count} command(s): {string.Join(", ", uses.Select(u => u.Command))}");
        Assert.Single(uses.Select(u => u.Option.Description).Distinct());
    }

    [Fact]
    public void Loop_means_the_same_in_every_command_and_model_pairs_with_provider()
    {
        var loops = AllOptions().Where(u => u.Option.Name == "--loop").ToList();
        Assert.True(loops.Count >= 4);
        Assert.All(loops, u => Assert.StartsWith("The clip loops: its last frame leads back to its first.", u.Option.Description, StringComparison.Ordinal));

        // Every command with a --model that runs an ONNX stage lets the user say where it runs.
        var models = AllOptions().Where(u => u.Option.Name == "--model" && u.Command != "evaluate matting").Select(u => u.Command).ToList();
        Assert.NotEmpty(models);
        var withProvider = AllOptions().Where(u => u.Option.Name == "--provider").Select(u => u.Command).ToHashSet();
        Assert.All(models, c => Assert.Contains(c, withProvider));

        // The one option whose meaning differed has its own name.
        Assert.DoesNotContain(AllOptions(), u => u.Command == "composite" && u.Option.Name == "--feather");
    }
}
