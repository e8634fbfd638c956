using Muybridge.Video.Interpolation;
using Muybridge.Video.Matting;
using Muybridge.Video.Onnx.Catalog;
using Muybridge.Video.Onnx.Interpolation;
using Muybridge.Video.Onnx.Matting;
using Muybridge.Video.Onnx.Sessions;
using Muybridge.Video.Onnx.Upscaling;

namespace Muybridge.Video.Onnx.Recipes;

/// <summary>
/// Picks the best stage this machine can run for each step of a <c>RenderRecipe</c>, and says what it picked and why:
/// a model the caller names (a catalogue name from the cache, or a file), else the best catalogued model found verified in
/// the cache, else the core's model-free default with the reason. A model the caller names that is missing or does not
/// meet its contract is an error; one found on its own that will not load falls back, saying so.
/// </summary>
public static class BestAvailable
{
    /// <summary>Asks for the model-free default even where a model is cached.</summary>
    public const string ModelFree = "model-free";

    /// <summary>The matter used by default whenever it is in the cache.</summary>
    public const string DefaultMatter = "isnet-medium";

    /// <summary>The matter for the clicks.</summary>
    /// <param name="model">Null: <see cref="DefaultMatter"/> if cached; <see cref="ModelFree"/>; a catalogue name; or a model file.</param>
    /// <param name="clicks">The clicks on the source frames.</param>
    /// <param name="options">Refinement, backdrop check and providers for a model matter (its catalogue name is set here).</param>
    /// <param name="cache">Where catalogued models are looked for.</param>
    /// <exception cref="FileNotFoundException">A named model is not there.</exception>
    /// <exception cref="ModelContractException">A named model's inputs or outputs are not a matter's.</exception>
    public static ChosenStage<IFrameStage> Matter(string? model, IReadOnlyList<PointPrompt> clicks, SalientMatterOptions options, ModelCache cache)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cache);
        if (IsModelFree(model))
        {
            return new(null, "model-free (seeded), as asked", null);
        }

        var (path, from, catalog) = Locate(model, DefaultMatter, ModelStage.Matting, cache);
        if (path is null)
        {
            return new(null, $"model-free (seeded): {from}", null);
        }

        try
        {
            var matter = new SalientObjectMatter(path, clicks, options with { CatalogName = catalog });
            return new(matter, $"{catalog} on {Where(matter.ActiveProvider, options.Session)} ({from})", path);
        }
        catch (Exception e) when (model is null && e is ModelContractException or ProviderUnavailableException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            return new(null, $"model-free (seeded): the cached {catalog} would not load ({e.Message})", null);
        }
    }

    /// <summary>The interpolator: a RIFE export named or cached, else null (the model-free flow interpolator).</summary>
    public static ChosenStage<IFrameInterpolator> Interpolator(string? model, OnnxSessionOptions session, ModelCache cache)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(cache);
        if (IsModelFree(model))
        {
            return new(null, "flow (model-free), as asked", null);
        }

        var (path, from, catalog) = Locate(model, "rife-4", ModelStage.Interpolation, cache);
        if (path is null)
        {
            return new(null, "flow (model-free): no RIFE export in the cache (--interpolation-model takes one)", null);
        }

        var rife = new RifeInterpolator(path, new RifeOptions { Session = session });
        return new(rife, $"{catalog} on {Where(rife.ActiveProvider, session)} ({from})", path);
    }

    /// <summary>
    /// The upscaler: a Real-ESRGAN export named, else null (Lanczos). The one export to be had has no stated licence, so it is
    /// never picked from the cache on its own.
    /// </summary>
    public static ChosenStage<IFrameStage> Upscaler(string? model, int scale, OnnxSessionOptions session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (model is null || IsModelFree(model))
        {
            return new(null, $"lanczos ×{scale} (model-free)", null);
        }

        if (!File.Exists(model))
        {
            throw new FileNotFoundException($"The upscaling model '{model}' does not exist.", model);
        }

        var upscaler = new RealEsrganUpscaler(model, new RealEsrganOptions { Scale = scale, Session = session });
        return new(upscaler, $"{Path.GetFileNameWithoutExtension(model)} ×{scale} on {Where(upscaler.ActiveProvider, session)} (file)", model);
    }

    /// <summary>"CPU", or "CPU (CUDA not available)" when the first provider asked for could not be used.</summary>
    public static string Where(ExecutionProvider active, OnnxSessionOptions session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var asked = session.Providers.Count > 0 ? session.Providers[0] : ExecutionProvider.Cpu;
        return asked == active ? OnnxProviderNames.Display(active) : $"{OnnxProviderNames.Display(active)} ({OnnxProviderNames.Display(asked)} not available)";
    }

    private static bool IsModelFree(string? model) => model is not null && (model.Equals(ModelFree, StringComparison.OrdinalIgnoreCase) || model.Equals("none", StringComparison.OrdinalIgnoreCase));

    /// <summary>The file for a named model (catalogue name or path) or the default one if cached; null with the reason when none.</summary>
    private static (string? Path, string From, string Catalog) Locate(string? model, string fallback, ModelStage stage, ModelCache cache)
    {
        if (model is null)
        {
            var card = ModelCatalog.Find(fallback);
            var status = cache.Verify(card)[0];
            return status.State switch
            {
                ModelFileState.Verified or ModelFileState.Unverified => (status.Path, "cache", card.Name),
                ModelFileState.Corrupt => (null, $"the cached {card.Name} has the wrong SHA-256 (fetch it again: muybridge models fetch {card.Name})", card.Name),
                _ => (null, $"{card.Name} is not in the model cache {cache.Folder} (render --fetch-models, or muybridge models fetch {card.Name})", card.Name),
            };
        }

        if (ModelCatalog.All.FirstOrDefault(c => c.Name.Equals(model, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            if (named.Stage != stage)
            {
                throw new InvalidOptionException($"'{named.Name}' is a {named.Stage} model, not a {stage} model.");
            }

            return (cache.Require(named), "cache", named.Name);
        }

        if (!File.Exists(model))
        {
            throw new FileNotFoundException($"The model '{model}' is neither a file nor a catalogue name (muybridge models list).", model);
        }

        var name = Path.GetFileNameWithoutExtension(model).Replace('_', '-');
        var catalog = ModelCatalog.All.FirstOrDefault(c => c.Stage == stage && name.Contains(c.Name, StringComparison.OrdinalIgnoreCase))?.Name ?? fallback;
        return (model, "file", catalog);
    }
}
