// NanoRef stub (signatures only) of nanoFramework mscorlib 1.17.x, package nanoFramework.CoreLibrary.
// Verified against nanoframework/CoreLibrary: nanoFramework.CoreLibrary/System/{Object,ValueType,Enum,Void,IntPtr,UIntPtr,
// RuntimeTypeHandle,RuntimeFieldHandle,MarshalByRefObject,Delegate,MulticastDelegate,Type,IDisposable,ICloneable,IComparable}.cs
// and System/Reflection/MemberInfo.cs (reflection flavour of mscorlib, the one stock ESP32 images use).

namespace System
{
    public class Object
    {
        public Object() { }
        public virtual string ToString() { throw null; }
        public virtual bool Equals(object obj) { throw null; }
        public static bool Equals(object objA, object objB) { throw null; }
        public static bool ReferenceEquals(object objA, object objB) { throw null; }
        public virtual int GetHashCode() { throw null; }
        public Type GetType() { throw null; }
        protected object MemberwiseClone() { throw null; }
    }

    public abstract class ValueType
    {
        public override bool Equals(object obj) { throw null; }
    }

    public abstract class Enum : ValueType
    {
        public bool HasFlag(Enum flag) { throw null; }
        public override string ToString() { throw null; }
    }

    public struct Void
    {
    }

    public struct IntPtr
    {
    }

    public struct UIntPtr
    {
    }

    public struct RuntimeTypeHandle
    {
    }

    public struct RuntimeFieldHandle
    {
    }

    public abstract class MarshalByRefObject
    {
    }

    public abstract class Delegate
    {
        public override bool Equals(object obj) { throw null; }
        public static Delegate Combine(Delegate a, Delegate b) { throw null; }
        public static Delegate Remove(Delegate source, Delegate value) { throw null; }
        public virtual Delegate[] GetInvocationList() { throw null; }
        public object Target { get { throw null; } }
        public static bool operator ==(Delegate d1, Delegate d2) { throw null; }
        public static bool operator !=(Delegate d1, Delegate d2) { throw null; }
    }

    public abstract class MulticastDelegate : Delegate
    {
        public static bool operator ==(MulticastDelegate d1, MulticastDelegate d2) { throw null; }
        public static bool operator !=(MulticastDelegate d1, MulticastDelegate d2) { throw null; }
        public override bool Equals(object obj) { throw null; }
    }

    public abstract class Type : System.Reflection.MemberInfo
    {
        public static Type GetType(string typeName) { throw null; }
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) { throw null; }
        public abstract string FullName { get; }
        public abstract string AssemblyQualifiedName { get; }
        public abstract Type BaseType { get; }
    }

    public interface IDisposable
    {
        void Dispose();
    }

    public interface ICloneable
    {
        object Clone();
    }

    public interface IComparable
    {
        int CompareTo(object obj);
    }
}

namespace System.Reflection
{
    public abstract class MemberInfo
    {
        public abstract string Name { get; }
        public abstract Type DeclaringType { get; }
    }
}
