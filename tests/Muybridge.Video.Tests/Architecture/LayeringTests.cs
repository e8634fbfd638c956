using System.Text.RegularExpressions;

namespace Muybridge.Video.Tests.Architecture;

/// <summary>
/// The core's shape, read from its sources: every file's namespace is its folder, and the folders' dependencies (using
/// directives and qualified references to their types) have no cycle, so a lower layer never reaches up.
/// </summary>
public sealed partial class LayeringTests
{
    private static string Core => Path.Combine(SharedData.RepositoryRoot ?? throw new InvalidOperationException("The repository root was not found."), "src", "Muybridge.Video");

    private static IEnumerable<(string Folder, string Namespace, string Text)> Files()
        => Directory.EnumerateFiles(Core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Core, Path.GetDirectoryName(f)!).Replace(Path.DirectorySeparatorChar, '.'), NamespaceOf(File.ReadAllText(f)), File.ReadAllText(f)));

    private static string NamespaceOf(string text) => FileNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : "";

    private static string Layer(string ns) => ns == "Muybridge.Video" ? "" : ns["Muybridge.Video.".Length..];

    [Fact]
    public void Every_file_sits_in_the_folder_its_namespace_names()
    {
        var misplaced = Files().Where(f => Layer(f.Namespace) != (f.Folder == "." ? "" : f.Folder)).Select(f => $"{f.Folder}: {f.Namespace}").ToList();
        Assert.Empty(misplaced);
    }

    [Fact]
    public void The_cores_folders_depend_on_each_other_one_way()
    {
        var files = Files().ToList();
        var types = files.GroupBy(f => Layer(f.Namespace)).ToDictionary(g => g.Key, g => g.SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => m.Groups[1].Value)).ToHashSet(), StringComparer.Ordinal);
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, ns, text) in files)
        {
            var from = Layer(ns);
            var to = edges.TryGetValue(from, out var set) ? set : edges[from] = [];
            foreach (Match m in UsingDirective().Matches(text))
            {
                to.Add(Layer(m.Groups[1].Value));
            }

            foreach (Match m in QualifiedReference().Matches(text))
            {
                if (types.TryGetValue(m.Groups[1].Value, out var declared) && declared.Contains(m.Groups[2].Value))
                {
                    to.Add(m.Groups[1].Value);
                }
            }

            to.Remove(from);
        }

        // Depth-first search for a path back to where it started.
        var cycles = new List<string>();
        foreach (var start in edges.Keys)
        {
            var stack = new Stack<List<string>>([[start]]);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (stack.TryPop(out var path))
            {
                foreach (var next in edges.GetValueOrDefault(path[^1], []))
                {
                    if (next == start)
                    {
                        cycles.Add(string.Join(" → ", path.Append(start).Select(l => l.Length == 0 ? "(root)" : l)));
                    }
                    else if (seen.Add(next))
                    {
                        stack.Push([.. path, next]);
                    }
                }
            }
        }

        Assert.True(edges.Count > 15, "the core's folders were not found");
        Assert.Empty(cycles.Distinct());
    }

    [Fact]
    public void The_packages_build_on_each_others_public_api_only()
    {
        // Internals are open to the tests, the benchmarks and the CLI (an application, not a package); never to another
        // package, so the ONNX and cluster packages can be written by anyone and need not ship in lockstep with the core.
        string[] allowed = ["Muybridge.Video.Tests", "Muybridge.Video.Benchmarks", "muybridge"];
        foreach (var assembly in new[] { typeof(Muybridge.Video.Frames.Frame).Assembly, typeof(Muybridge.Video.Onnx.Sessions.OnnxModel).Assembly, typeof(Muybridge.Video.Orleans.Jobs.RenderJobGrain).Assembly })
        {
            var friends = assembly.GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), false)
                .Cast<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();
            Assert.Contains("Muybridge.Video.Tests", friends);
            Assert.Empty(friends.Except(allowed));
        }
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using (Muybridge\.Video(?:\.\w+)*);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(?:Muybridge\.Video\.)?([A-Z]\w+)\.([A-Z]\w+)")]
    private static partial Regex QualifiedReference();

    [GeneratedRegex(@"(?:class|record|struct|interface|enum)\s+([A-Z]\w+)")]
    private static partial Regex TypeDeclaration();
}
