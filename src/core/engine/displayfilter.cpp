// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/displayfilter.h"

#include "engine/bpffilter.h"
#include "engine/displayexpression.h"
#include "engine/engine.h"
#include "source/mappedfile.h"
#include "store/packetstore.h"

#include <memory>

namespace netlens {

namespace {
DisplayFilter::Result filterRows(const PacketStore &store, const Engine *engine,
                                 const DisplayExpression *terms,
                                 const std::vector<std::string> &files, const std::string &bpf,
                                 RowId first, RowId end, const std::atomic<bool> *cancel,
                                 const std::function<void(std::size_t)> &progress)
{
    DisplayFilter::Result result;
    auto &out = result.rows;
    BpfFilter filter;
    if (!filter.setExpression(bpf, result.error)) {
        result.ok = false;
        return result;
    }
    const bool needBytes = !filter.isEmpty();
    std::vector<std::shared_ptr<MappedFile>> maps(files.size());
    first = std::max(first, store.firstRow());
    end = std::min(end, store.size());
    RowId row = first;
    for (; row < end; ++row) {
        if ((row & 0xffff) == 0 && row != first) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                break;
            // Rows come in file order: give back the pages behind us (keep 1 MB of slack).
            const PacketRecord *last = store.find(row - 1);
            if (last && last->fileIndex < maps.size() && maps[last->fileIndex] &&
                last->fileOffset > (1u << 20))
                maps[last->fileIndex]->releaseBefore(last->fileOffset - (1u << 20));
            if (progress)
                progress(row - first);
        }
        const PacketRecord *found = store.find(row);
        if (!found) {
            // Retired while the pass ran (a live capture at its cap): go on from the new front.
            row = std::max(row + 1, store.firstRow()) - 1;
            continue;
        }
        const PacketRecord &r = *found;
        if (terms && !terms->matchesTerms(*engine, r))
            continue;
        if (!needBytes) {
            out.push_back(row);
            continue;
        }
        if (r.fileIndex >= maps.size())
            break; // a file the caller has not heard of yet (live rotation)
        auto &map = maps[r.fileIndex];
        // A live capture file grows: map it again when a record lies past the old end.
        if (!map || r.fileOffset + r.capLen > map->size()) {
            std::string ignored;
            map = MappedFile::open(files[r.fileIndex], ignored);
            if (!map || r.fileOffset + r.capLen > map->size())
                break; // not on disk yet: the caller resumes here later
        }
        RawPacket p;
        p.data = map->data() + r.fileOffset;
        p.capLen = r.capLen;
        p.wireLen = r.wireLen;
        p.linkType = r.linkType;
        if (filter.matches(p))
            out.push_back(row);
    }
    result.endRow = row;
    if (progress)
        progress(row - first);
    return result;
}
} // namespace

DisplayFilter::Result DisplayFilter::run(const PacketStore &store,
                                         const std::vector<std::string> &files,
                                         const std::string &expression, RowId first, RowId end,
                                         const std::atomic<bool> *cancel,
                                         const std::function<void(std::size_t)> &progress)
{
    return filterRows(store, nullptr, nullptr, files, expression, first, end, cancel, progress);
}

DisplayFilter::Result DisplayFilter::run(const Engine &engine,
                                         const std::vector<std::string> &files,
                                         const std::string &expression, RowId first, RowId end,
                                         const std::atomic<bool> *cancel,
                                         const std::function<void(std::size_t)> &progress)
{
    std::string error;
    const auto parsed = DisplayExpression::parse(expression, error);
    if (!parsed) {
        Result r;
        r.ok = false;
        r.error = error;
        return r;
    }
    return filterRows(engine.store(), &engine, parsed->hasTerms() ? &*parsed : nullptr, files,
                      parsed->bpf(), first, end, cancel, progress);
}

} // namespace netlens
