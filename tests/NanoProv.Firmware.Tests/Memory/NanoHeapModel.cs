using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NanoProv.Firmware.Tests.Memory;

/// <summary>
/// Estimates how many bytes of the nanoFramework managed heap an object graph of the portable core occupies, by walking
/// the host objects and applying nanoCLR's layout (nf-interpreter src/CLR/Include/nanoCLR_Runtime__HeapBlock.h, 32-bit):
/// <list type="bullet">
/// <item>every heap allocation is a whole number of 12-byte CLR_RT_HeapBlock units;</item>
/// <item>a class instance is one header block plus one block per instance field, whatever the field's type (a long, a
/// reference and a bool all take 12 bytes); a field of a user struct additionally points to a boxed copy;</item>
/// <item>an array is CLR_RT_HeapBlock_Array (12 + 8 bytes) followed by the elements: 1/2/4/8 bytes per primitive,
/// 12 bytes per reference or struct element;</item>
/// <item>a string is one block plus its UTF-8 text and a terminating NUL (an upper bound: literals point into flash);</item>
/// <item>a delegate is CLR_RT_HeapBlock_Delegate, about three blocks; a boxed primitive two blocks;</item>
/// <item>ArrayList and Hashtable are modelled after nanoFramework's managed implementations (object + element array;
/// Hashtable: object, bucket array and one 3-field entry object per item).</item>
/// </list>
/// The walk follows objects of the given core assemblies, arrays, strings, delegates and collections; objects of other
/// assemblies (host adapters standing in for the device ones) are not counted and not followed.
/// </summary>
public sealed class NanoHeapModel
{
    public const int Block = 12;

    private readonly HashSet<Assembly> _core;
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);

    public NanoHeapModel(params Assembly[] coreAssemblies)
    {
        _core = new HashSet<Assembly>(coreAssemblies);
    }

    public long Bytes { get; private set; }

    public int Objects { get; private set; }

    public IReadOnlyDictionary<string, long> BytesByType => _byType;

    /// <summary>Adds everything reachable from <paramref name="root"/> that was not counted yet.</summary>
    public NanoHeapModel Add(object root)
    {
        var stack = new Stack<object>();
        Push(stack, root);
        while (stack.Count > 0)
        {
            Visit(stack.Pop(), stack);
        }

        return this;
    }

    /// <summary>Adds the static fields of every type of the core assemblies (the device allocates them at start-up).</summary>
    public NanoHeapModel AddStatics()
    {
        var stack = new Stack<object>();
        foreach (Assembly assembly in _core)
        {
            foreach (Type type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
            {
                foreach (FieldInfo f in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (f.IsLiteral)
                    {
                        continue; // const: in the assembly metadata, not on the heap
                    }

                    Count("(static fields)", Block);
                    Push(stack, f.GetValue(null));
                }
            }
        }

        while (stack.Count > 0)
        {
            Visit(stack.Pop(), stack);
        }

        return this;
    }

    /// <summary>Bytes of one object alone under the model (for the tests of the model).</summary>
    public static long SizeOf(object o) => new NanoHeapModel(o.GetType().Assembly).ShallowSize(o);

    public static long RoundUp(long bytes) => (bytes + Block - 1) / Block * Block;

    private void Push(Stack<object> stack, object o)
    {
        if (o != null && !(o is Type) && !(o is Pointer) && _seen.Add(o))
        {
            stack.Push(o);
        }
    }

    private void Visit(object o, Stack<object> stack)
    {
        Type type = o.GetType();
        long size = ShallowSize(o);
        if (size == 0)
        {
            return;
        }

        Count(type.IsArray ? type.GetElementType()!.Name + "[]" : type.Name, size);
        switch (o)
        {
            case string:
                return;
            case Delegate d:
                foreach (Delegate part in d.GetInvocationList())
                {
                    Push(stack, part.Target);
                }

                return;
            case Array array when !type.GetElementType()!.IsPrimitive:
                foreach (object item in array)
                {
                    Push(stack, item);
                }

                return;
            case ArrayList list:
                foreach (object item in list)
                {
                    Push(stack, item);
                }

                return;
            case Hashtable table:
                foreach (DictionaryEntry entry in table)
                {
                    Push(stack, entry.Key);
                    Push(stack, entry.Value);
                }

                return;
        }

        if (_core.Contains(type.Assembly))
        {
            foreach (FieldInfo f in InstanceFields(type))
            {
                if (!f.FieldType.IsPrimitive && !f.FieldType.IsEnum && !f.FieldType.IsPointer)
                {
                    Push(stack, f.GetValue(o));
                }
            }
        }
    }

    private long ShallowSize(object o)
    {
        Type type = o.GetType();
        switch (o)
        {
            case string s:
                return RoundUp(Block + System.Text.Encoding.UTF8.GetByteCount(s) + 1);
            case Delegate d:
                return 3L * Block * d.GetInvocationList().Length;
            case ArrayList list:
                return RoundUp(Block * 4) + ArrayBytes(list.Capacity, Block);
            case Hashtable table:
                return RoundUp(Block * 6) + ArrayBytes(Math.Max(table.Count * 2, 8), Block) + table.Count * RoundUp(Block * 4);
            case Array array:
                Type element = type.GetElementType()!;
                int elementSize = element.IsPrimitive || element.IsEnum ? PrimitiveSize(element) : Block;
                return ArrayBytes(array.Length, elementSize);
            case WaitHandle:
                return 2 * Block;
        }

        if (type.IsPrimitive || type.IsEnum)
        {
            return 2 * Block; // boxed
        }

        if (!_core.Contains(type.Assembly) && !(type.IsValueType))
        {
            return 0; // host adapter or BCL object outside the core: not part of the device heap estimate
        }

        long size = Block;
        foreach (FieldInfo f in InstanceFields(type))
        {
            size += Block;
            if (f.FieldType.IsValueType && !f.FieldType.IsPrimitive && !f.FieldType.IsEnum)
            {
                size += Block * (1 + InstanceFields(f.FieldType).Count());
            }
        }

        return size;
    }

    private static long ArrayBytes(int length, int elementSize) => RoundUp(Block + 8 + (long)length * elementSize);

    private static int PrimitiveSize(Type t)
    {
        if (t.IsEnum)
        {
            t = Enum.GetUnderlyingType(t);
        }

        return t == typeof(byte) || t == typeof(sbyte) || t == typeof(bool) ? 1
            : t == typeof(short) || t == typeof(ushort) || t == typeof(char) ? 2
            : t == typeof(long) || t == typeof(ulong) || t == typeof(double) ? 8
            : 4;
    }

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (Type t = type; t != null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return f;
            }
        }
    }

    private void Count(string name, long bytes)
    {
        Bytes += bytes;
        Objects++;
        _byType[name] = _byType.GetValueOrDefault(name) + bytes;
    }
}
