using System.Text.Json;
using Orleans.Storage;

namespace Muybridge.Video.Orleans.Storage;

/// <summary>
/// Grain state as one JSON file per grain in the shared folder, written through a rename and checked by ETag, so a
/// job's state survives the silo that held it and a stale activation cannot overwrite a newer one.
/// </summary>
internal sealed class FolderGrainStorage(ClusterStorage storage) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        var stored = JsonSerializer.Deserialize<Stored<T>>(await File.ReadAllTextAsync(path).ConfigureAwait(false))
            ?? throw new ClusterStorageException($"The state file '{path}' is empty.");
        grainState.State = stored.State;
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        using var held = await FolderLock.AcquireAsync(path + ".lock").ConfigureAwait(false);
        var current = await CurrentETagAsync<T>(path).ConfigureAwait(false);
        if (current != grainState.ETag)
        {
            throw new InconsistentStateException($"The state of {grainId} was written elsewhere (ETag {current}, this activation holds {grainState.ETag}).", current ?? "", grainState.ETag ?? "");
        }

        var etag = Guid.NewGuid().ToString("N");
        await FolderLock.ReplaceAsync(path, JsonSerializer.Serialize(new Stored<T>(etag, grainState.State!))).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        using var held = await FolderLock.AcquireAsync(path + ".lock").ConfigureAwait(false);
        File.Delete(path);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static async Task<string?> CurrentETagAsync<T>(string path)
        => File.Exists(path) ? JsonSerializer.Deserialize<Stored<T>>(await File.ReadAllTextAsync(path).ConfigureAwait(false))?.ETag : null;

    private string PathOf(string stateName, GrainId grainId)
        => Path.Combine(storage.GrainsFolder, ClusterStorage.Escape(stateName), $"{ClusterStorage.Escape(grainId.ToString())}.json");

    private sealed record Stored<T>(string ETag, T State);
}
