using System.Reflection;
using System.Text;

namespace Muybridge.Video.Tests.Architecture;

/// <summary>
/// The packages' public surface against the listing kept in tests/fixtures/api: a change to it fails here, naming each
/// line added or removed, so it is made on purpose. After a deliberate change, regenerate the listings with
/// <c>MUYBRIDGE_UPDATE_API=1 dotnet test --filter PublicApiTests</c> and commit them with the change.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Muybridge.Video")]
    [InlineData("Muybridge.Video.Onnx")]
    [InlineData("Muybridge.Video.Orleans")]
    public void The_public_surface_is_the_one_kept_in_the_fixtures(string package)
    {
        var assembly = package switch
        {
            "Muybridge.Video" => typeof(Pipeline).Assembly,
            "Muybridge.Video.Onnx" => typeof(Muybridge.Video.Onnx.Sessions.OnnxModel).Assembly,
            _ => typeof(Muybridge.Video.Orleans.ClusterHosting).Assembly,
        };
        var listing = Listing(assembly);
        var file = Path.Combine(SharedData.RepositoryRoot ?? throw new InvalidOperationException("The repository root was not found."), "tests", "fixtures", "api", $"{package}.txt");
        if (Environment.GetEnvironmentVariable("MUYBRIDGE_UPDATE_API") == "1")
        {
            File.WriteAllText(file, listing);
        }

        var kept = File.Exists(file) ? File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
        var now = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var added = now.Except(kept, StringComparer.Ordinal).ToList();
        var removed = kept.Except(now, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            $"{package}'s public API changed (regenerate with MUYBRIDGE_UPDATE_API=1 if meant):\n{string.Join('\n', added.Select(l => $"+ {l}").Concat(removed.Select(l => $"- {l}")))}");
        Assert.True(now.Length > 20, "the listing is suspiciously short");
    }

    private static string Listing(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.Namespace?.StartsWith("Muybridge", StringComparison.Ordinal) == true))
        {
            var kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : type.IsAbstract ? "abstract class" : "class";
            var bases = new[] { type.BaseType }.Where(b => b is not null && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)).Select(b => Name(b!))
                .Concat(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
            var header = $"{Name(type)}";
            lines.Add($"{header}: {kind}{(bases.Any() ? " : " + string.Join(", ", bases) : "")}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                if (Visible(member) && Describe(member) is { } text)
                {
                    lines.Add($"{header}: {text}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines) + "\n";
    }

    private static bool Visible(MemberInfo member) => member switch
    {
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName || m is ConstructorInfo c && (c.IsPublic || c.IsFamily),
        PropertyInfo p => (p.GetMethod ?? p.SetMethod) is { } a && (a.IsPublic || a.IsFamily),
        FieldInfo f => (f.IsPublic || f.IsFamily) && !f.IsSpecialName,
        EventInfo e => e.AddMethod is { IsPublic: true },
        _ => false,
    };

    private static string? Describe(MemberInfo member) => member switch
    {
        _ when member.Name.Contains('<', StringComparison.Ordinal) => null,
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? $"<{string.Join(", ", m.GetGenericArguments().Select(Name))}>" : "")}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod is { IsPublic: true } ? " get;" : "")}{(p.SetMethod is { IsPublic: true } s ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? " init;" : " set;") : "")} }}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => null,
    };

    private static string Parameters(MethodBase method)
        => string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsByRef)
        {
            return "ref " + Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Name(inner) + "?";
        }

        var name = type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : type.Namespace?.StartsWith("Muybridge", StringComparison.Ordinal) == true ? $"{type.Namespace}.{type.Name}" : type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var builder = new StringBuilder(tick < 0 ? name : name[..tick]).Append('<');
        builder.AppendJoin(", ", type.GetGenericArguments().Select(Name));
        return builder.Append('>').ToString();
    }
}
