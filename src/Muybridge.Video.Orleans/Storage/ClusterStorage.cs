using System.Globalization;

namespace Muybridge.Video.Orleans.Storage;

/// <summary>
/// The folder every silo and client shares (an NFS or SMB mount, Azure Files, EFS): job state, cluster membership and
/// the segments' frames live here, so the cluster needs nothing else to run.
/// </summary>
public sealed class ClusterStorage
{
    /// <summary>Uses <paramref name="root"/>; call <see cref="EnsureReachable"/> before a silo or client starts on it.</summary>
    public ClusterStorage(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The shared folder.</summary>
    public string Root { get; }

    internal string GrainsFolder => Path.Combine(Root, "grains");

    internal string MembershipFile(string clusterId) => Path.Combine(Root, "membership", $"{Escape(clusterId)}.json");

    internal string SegmentFolder(string jobId, int index) => Path.Combine(SegmentsFolder(jobId), index.ToString("D6", CultureInfo.InvariantCulture));

    internal void DeleteSegments(string jobId)
    {
        try
        {
            Directory.Delete(SegmentsFolder(jobId), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: a job carried on after a lost silo may reach this twice.
        }
    }

    private string SegmentsFolder(string jobId) => Path.Combine(Root, "jobs", Escape(jobId), "segments");

    /// <summary>Checks the folder exists (or can be made) and can be written, with a one-line error saying which and why.</summary>
    /// <exception cref="ClusterStorageException">The folder cannot be reached or written.</exception>
    public void EnsureReachable()
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, $".probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterStorageException($"The cluster storage '{Root}' cannot be reached or written ({e.Message}). Every silo and client mounts the same folder.", e);
        }
    }

    // Grain keys and cluster names become file names: anything outside [A-Za-z0-9._-] is escaped, so no key reaches outside the folder.
    internal static string Escape(string name)
    {
        var escaped = Uri.EscapeDataString(name).Replace("%", "_", StringComparison.Ordinal);
        return escaped is "." or ".." ? $"_{escaped}" : escaped;
    }
}
