namespace Muybridge.Video.Benchmarks;

/// <summary>Finds ../shared beside the repository, where the real frames and models live.</summary>
internal static class BenchmarkData
{
    public static string Shared { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("Muybridge.Video.sln").Length > 0)
            {
                return Path.Combine(dir.Parent!.FullName, "shared");
            }
        }

        return Path.GetFullPath(Path.Combine("..", "shared"));
    }
}
