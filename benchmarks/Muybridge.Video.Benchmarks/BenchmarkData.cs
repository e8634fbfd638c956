namespace Muybridge.Video.Benchmarks;

/// <summary>Finds ../shared beside the repository, where the real frames and models live.</summary>
internal static class BenchmarkData
{
    public static string Shared { get; } = Find();

    /// <summary>The repository's root (the folder beside ../shared that holds the solution).</summary>
    public static string Repository { get; } = FindRepository();

    /// <summary>Elephant-walk frame <paramref name="number"/> (1…24) resized to the given size.</summary>
    public static Frames.Frame Elephant(int number, int width, int height)
    {
        using var source = Imaging.FrameFile.Load(Path.Combine(Shared, "data", "muybridge", "elephant-walk", $"{number:00}.png"));
        return Imaging.Codec.Current.Resize(source, width, height);
    }

    /// <summary>The first <paramref name="count"/> elephant-walk frames at <paramref name="size"/> ("640x480"), indexed and timed at 12 frames/s.</summary>
    public static List<Frames.Frame> ElephantClip(int count, string size)
    {
        var (width, height) = ParseSize(size);
        var clip = new List<Frames.Frame>(count);
        for (var i = 0; i < count; i++)
        {
            var frame = Elephant(i + 1, width, height);
            frame.Index = i;
            frame.Timestamp = TimeSpan.FromSeconds(i / 12.0);
            frame.Duration = TimeSpan.FromSeconds(1 / 12.0);
            clip.Add(frame);
        }

        return clip;
    }

    /// <summary>A model fetched into the cache (never committed): $MUYBRIDGE_MODEL_CACHE, else .models in the repository.</summary>
    /// <exception cref="FileNotFoundException">The model is in neither; the message says how to fetch it.</exception>
    public static string CachedModel(string fileName)
    {
        foreach (var folder in new[] { Environment.GetEnvironmentVariable(Onnx.Catalog.ModelCache.EnvironmentVariable), Path.Combine(Repository, ".models") })
        {
            if (folder is not null && File.Exists(Path.Combine(folder, fileName)))
            {
                return Path.Combine(folder, fileName);
            }
        }

        throw new FileNotFoundException($"{fileName} is not in the model cache; fetch it with: muybridge models fetch {Path.GetFileNameWithoutExtension(fileName)} --cache .models", fileName);
    }

    /// <summary>"640x480" as (640, 480).</summary>
    public static (int Width, int Height) ParseSize(string size)
    {
        var parts = size.Split('x');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Find() => Path.Combine(Path.GetDirectoryName(FindRepository())!, "shared");

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("Muybridge.Video.sln").Length > 0)
            {
                return dir.FullName;
            }
        }

        return Path.GetFullPath(".");
    }
}
