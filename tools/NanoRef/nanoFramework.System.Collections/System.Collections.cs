// NanoRef stub (signatures only) of assembly nanoFramework.System.Collections (package nanoFramework.System.Collections).
// Verified against nanoframework/System.Collections: nanoFramework.System.Collections/Collections/{Hashtable,DictionaryEntry,
// IDictionary,IDictionaryEnumerator,Queue,Stack}.cs.
// Absent on purpose: Hashtable.ContainsKey/ContainsValue/TryGetValue (use Contains(key) and the indexer, which returns null
// for a missing key), and the generic List<T>/Dictionary<TKey,TValue> that only ship in the 2.0 preview.
// Note: DictionaryEntry is a class (not a struct) on nanoFramework.

namespace System.Collections
{
    public class DictionaryEntry
    {
        public object Key;
        public object Value;
        public DictionaryEntry(object key, object value) { }
    }

    public interface IDictionary : ICollection
    {
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
        ICollection Keys { get; }
        ICollection Values { get; }
        object this[object key] { get; set; }
        void Add(object key, object value);
        void Clear();
        bool Contains(object key);
        void Remove(object key);
    }

    public interface IDictionaryEnumerator : IEnumerator
    {
        object Key { get; }
        object Value { get; }
        DictionaryEntry Entry { get; }
    }

    public class Hashtable : ICloneable, IDictionary
    {
        public Hashtable() { }
        public Hashtable(int capacity) { }
        public Hashtable(int capacity, float loadFactor) { }
        public object Clone() { throw null; }
        public IEnumerator GetEnumerator() { throw null; }
        public int Count { get { throw null; } }
        public bool IsSynchronized { get { throw null; } }
        public object SyncRoot { get { throw null; } }
        public void CopyTo(Array array, int arrayIndex) { }
        public bool IsReadOnly { get { throw null; } }
        public bool IsFixedSize { get { throw null; } }
        public ICollection Keys { get { throw null; } }
        public ICollection Values { get { throw null; } }
        public object this[object key] { get { throw null; } set { } }
        public void Add(object key, object value) { }
        public void Clear() { }
        public bool Contains(object key) { throw null; }
        public void Remove(object key) { }
    }

    public class Queue : ICollection, ICloneable
    {
        public Queue() { }
        public virtual int Count { get { throw null; } }
        public virtual object Clone() { throw null; }
        public virtual bool IsSynchronized { get { throw null; } }
        public virtual object SyncRoot { get { throw null; } }
        public virtual void Clear() { }
        public virtual void CopyTo(Array array, int index) { }
        public virtual void Enqueue(object obj) { }
        public virtual IEnumerator GetEnumerator() { throw null; }
        public virtual object Dequeue() { throw null; }
        public virtual object Peek() { throw null; }
        public virtual bool Contains(object obj) { throw null; }
        public virtual object[] ToArray() { throw null; }
    }

    public class Stack : ICollection, ICloneable
    {
        public Stack() { }
        public virtual int Count { get { throw null; } }
        public virtual bool IsSynchronized { get { throw null; } }
        public virtual object SyncRoot { get { throw null; } }
        public virtual void Clear() { }
        public virtual object Clone() { throw null; }
        public virtual bool Contains(object obj) { throw null; }
        public virtual void CopyTo(Array array, int index) { }
        public virtual IEnumerator GetEnumerator() { throw null; }
        public virtual object Peek() { throw null; }
        public virtual object Pop() { throw null; }
        public virtual void Push(object obj) { }
        public virtual object[] ToArray() { throw null; }
    }
}
