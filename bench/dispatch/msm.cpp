// The two machines in Boost.MSM (the functor front end), the library a C++ programmer would pick:
// one event type per trigger carrying the initiator, the initiators allowed and the spec's guard
// (bench_guard, asked only for a permitted initiator) as MSM's guard. A fire is a switch from the
// trigger number to its event type and process_event(); MSM's answer maps to transit's result
// codes (guard rejected: guard failed if a row permitted the initiator, else not permitted; not
// handled: no transition). MSM tries the rows of one state and event from the last to the first,
// so where the spec orders alternatives, the rows are written in reverse.
#define BOOST_BIND_GLOBAL_PLACEHOLDERS // MSM still includes deprecated Boost headers
#define BOOST_ALLOW_DEPRECATED_HEADERS
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 40
#define BOOST_MPL_LIMIT_MAP_SIZE 40

#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include "bindplane_collector.h"
#include "dispatch.h"
#include "meshery_connection.h"

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

namespace {

enum { USER = TRANSIT_USER, AUTO = TRANSIT_AUTO, SELF = TRANSIT_SELF };

// An event per trigger number; what it carries is who fired it, the guards' state and where to
// note that a row permitted the initiator.
template <int Trigger> struct ev {
    unsigned initiator;
    uint32_t *guards;
    bool *permitted;
};

enum { NO_GUARD = -1 };

// The guard: the event's initiator is one of Mask and, if the row has one, Guard holds (not
// holds, Negated).
template <unsigned Mask, int Guard = NO_GUARD, bool Negated = false> struct by {
    template <class E, class M, class S, class T> bool operator()(E const &e, M &, S &, T &) const {
        if ((e.initiator & Mask) == 0)
            return false;
        *e.permitted = true;
        return Guard == NO_GUARD || (bench_guard(e.guards, nullptr, Guard, nullptr) != 0) != Negated;
    }
};

template <class E, class M> transit_result send(M &m, unsigned initiator, uint32_t *guards) {
    bool permitted = false;
    msm::back::HandledEnum h = m.process_event(E{initiator, guards, &permitted});
    if (h == msm::back::HANDLED_TRUE)
        return TRANSIT_OK;
    if (h == msm::back::HANDLED_GUARD_REJECT)
        return permitted ? TRANSIT_GUARD_FAILED : TRANSIT_NOT_PERMITTED;
    return TRANSIT_NO_TRANSITION;
}

namespace mesh {
struct discovered : msm::front::state<> {};
struct registered : msm::front::state<> {};
struct connected : msm::front::state<> {};
struct ignored : msm::front::state<> {};
struct maintenance : msm::front::state<> {};
struct disconnected : msm::front::state<> {};
struct deleted : msm::front::state<> {};
struct not_found : msm::front::state<> {};

typedef ev<MESHERY_CONNECTION_TRIGGER_REGISTER> reg;
typedef ev<MESHERY_CONNECTION_TRIGGER_CONNECT> conn;
typedef ev<MESHERY_CONNECTION_TRIGGER_IGNORE> ign;
typedef ev<MESHERY_CONNECTION_TRIGGER_MAINTAIN> maint;
typedef ev<MESHERY_CONNECTION_TRIGGER_DISCONNECT> disc;
typedef ev<MESHERY_CONNECTION_TRIGGER_NOT_FOUND> nf;
typedef ev<MESHERY_CONNECTION_TRIGGER_DISCOVER> redisc;
typedef ev<MESHERY_CONNECTION_TRIGGER_DELETE> del;

struct front : msm::front::state_machine_def<front> {
    typedef discovered initial_state;
    struct transition_table
        : mpl::vector<
              Row<discovered, reg, not_found, none, by<AUTO, MESHERY_CONNECTION_GUARD_REACHABLE, true>>,
              Row<discovered, reg, registered, none, by<USER | AUTO, MESHERY_CONNECTION_GUARD_REACHABLE>>,
              Row<ignored, reg, registered, none, by<USER>>,
              Row<maintenance, reg, registered, none, by<USER>>,
              Row<not_found, reg, registered, none, by<USER, MESHERY_CONNECTION_GUARD_REACHABLE>>,
              Row<discovered, conn, connected, none, by<SELF, MESHERY_CONNECTION_GUARD_SELF_MANAGED>>,
              Row<registered, conn, connected, none, by<USER>>,
              Row<registered, conn, connected, none, by<AUTO, MESHERY_CONNECTION_GUARD_AUTO_CONNECTS>>,
              Row<registered, conn, connected, none, by<SELF, MESHERY_CONNECTION_GUARD_SELF_MANAGED>>,
              Row<connected, conn, connected, none, by<USER | AUTO | SELF>>,
              Row<disconnected, conn, connected, none, by<USER>>,
              Row<disconnected, conn, connected, none, by<AUTO, MESHERY_CONNECTION_GUARD_AUTO_CONNECTS>>,
              Row<maintenance, conn, connected, none, by<USER>>,
              Row<discovered, ign, ignored, none, by<USER>>,
              Row<registered, ign, ignored, none, by<USER>>,
              Row<connected, ign, ignored, none, by<USER>>,
              Row<maintenance, ign, ignored, none, by<USER>>,
              Row<registered, maint, maintenance, none, by<USER>>,
              Row<connected, maint, maintenance, none, by<USER>>,
              Row<connected, disc, disconnected, none, by<USER | AUTO>>,
              Row<discovered, nf, not_found, none, by<AUTO>>,
              Row<registered, nf, not_found, none, by<AUTO>>,
              Row<connected, nf, not_found, none, by<AUTO>>,
              Row<maintenance, nf, not_found, none, by<AUTO>>,
              Row<not_found, redisc, discovered, none, by<AUTO>>,
              Row<discovered, del, deleted, none, by<USER>>,
              Row<registered, del, deleted, none, by<USER>>,
              Row<connected, del, deleted, none, by<USER>>,
              Row<ignored, del, deleted, none, by<USER>>,
              Row<maintenance, del, deleted, none, by<USER>>,
              Row<disconnected, del, deleted, none, by<USER>>,
              Row<not_found, del, deleted, none, by<USER>>> {};
    // Refusals are results here, not errors.
    template <class M, class E> void no_transition(E const &, M &, int) {}
};
typedef msm::back::state_machine<front> machine;

// transit's state number of each MSM state id.
static int state_of[8];
static void number_states() {
    state_of[msm::back::get_state_id<machine::stt, discovered>::value] = MESHERY_CONNECTION_STATE_DISCOVERED;
    state_of[msm::back::get_state_id<machine::stt, registered>::value] = MESHERY_CONNECTION_STATE_REGISTERED;
    state_of[msm::back::get_state_id<machine::stt, connected>::value] = MESHERY_CONNECTION_STATE_CONNECTED;
    state_of[msm::back::get_state_id<machine::stt, ignored>::value] = MESHERY_CONNECTION_STATE_IGNORED;
    state_of[msm::back::get_state_id<machine::stt, maintenance>::value] = MESHERY_CONNECTION_STATE_MAINTENANCE;
    state_of[msm::back::get_state_id<machine::stt, disconnected>::value] = MESHERY_CONNECTION_STATE_DISCONNECTED;
    state_of[msm::back::get_state_id<machine::stt, deleted>::value] = MESHERY_CONNECTION_STATE_DELETED;
    state_of[msm::back::get_state_id<machine::stt, not_found>::value] = MESHERY_CONNECTION_STATE_NOT_FOUND;
}

static inline transit_result fire(machine &m, int trigger, unsigned initiator, uint32_t *g) {
    switch (trigger) {
    case MESHERY_CONNECTION_TRIGGER_REGISTER: return send<reg>(m, initiator, g);
    case MESHERY_CONNECTION_TRIGGER_CONNECT: return send<conn>(m, initiator, g);
    case MESHERY_CONNECTION_TRIGGER_IGNORE: return send<ign>(m, initiator, g);
    case MESHERY_CONNECTION_TRIGGER_MAINTAIN: return send<maint>(m, initiator, g);
    case MESHERY_CONNECTION_TRIGGER_DISCONNECT: return send<disc>(m, initiator, g);
    case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: return send<nf>(m, initiator, g);
    case MESHERY_CONNECTION_TRIGGER_DISCOVER: return send<redisc>(m, initiator, g);
    case MESHERY_CONNECTION_TRIGGER_DELETE: return send<del>(m, initiator, g);
    }
    return TRANSIT_INVALID;
}
} // namespace mesh

namespace bind {
struct connected : msm::front::state<> {};
struct disconnected : msm::front::state<> {};
struct error : msm::front::state<> {};
struct configuring : msm::front::state<> {};
struct pending : msm::front::state<> {};
struct incompatible : msm::front::state<> {};
struct upgrading : msm::front::state<> {};

typedef ev<BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT> disc;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_RECONNECT> reconn;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_FAIL> fail;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_RECOVER> recover;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE> configure;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_APPLY> apply;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_QUEUE> queue;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_REJECT> reject;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_UPGRADE> upgrade;
typedef ev<BINDPLANE_COLLECTOR_TRIGGER_UPGRADED> upgraded;

struct front : msm::front::state_machine_def<front> {
    typedef connected initial_state;
    struct transition_table
        : mpl::vector<
              Row<connected, disc, disconnected, none, by<AUTO | SELF>>,
              Row<error, disc, disconnected, none, by<AUTO | SELF>>,
              Row<configuring, disc, disconnected, none, by<AUTO | SELF>>,
              Row<incompatible, disc, disconnected, none, by<AUTO | SELF>>,
              Row<upgrading, disc, disconnected, none, by<AUTO | SELF>>,
              Row<disconnected, reconn, connected, none, by<SELF>>,
              Row<connected, fail, error, none, by<SELF>>,
              Row<incompatible, fail, error, none, by<SELF>>,
              Row<configuring, fail, error, none, by<SELF>>,
              Row<upgrading, fail, configuring, none, by<SELF, BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING>>,
              Row<upgrading, fail, error, none, by<SELF, BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING, true>>,
              Row<error, recover, connected, none, by<SELF>>,
              Row<connected, configure, configuring, none, by<AUTO>>,
              Row<error, configure, configuring, none, by<AUTO>>,
              Row<incompatible, configure, configuring, none, by<AUTO>>,
              Row<pending, configure, configuring, none, by<AUTO>>,
              Row<configuring, apply, connected, none, by<SELF>>,
              Row<connected, queue, pending, none, by<USER | AUTO>>,
              Row<error, queue, pending, none, by<USER | AUTO>>,
              Row<incompatible, queue, pending, none, by<USER | AUTO>>,
              Row<connected, reject, incompatible, none, by<AUTO>>,
              Row<error, reject, incompatible, none, by<AUTO>>,
              Row<connected, upgrade, upgrading, none, by<USER>>,
              Row<error, upgrade, upgrading, none, by<USER>>,
              Row<incompatible, upgrade, upgrading, none, by<USER>>,
              Row<upgrading, upgraded, configuring, none, by<SELF, BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING>>,
              Row<upgrading, upgraded, connected, none, by<SELF, BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING, true>>> {};
    template <class M, class E> void no_transition(E const &, M &, int) {}
};
typedef msm::back::state_machine<front> machine;

static int state_of[7];
static void number_states() {
    state_of[msm::back::get_state_id<machine::stt, connected>::value] = BINDPLANE_COLLECTOR_STATE_CONNECTED;
    state_of[msm::back::get_state_id<machine::stt, disconnected>::value] = BINDPLANE_COLLECTOR_STATE_DISCONNECTED;
    state_of[msm::back::get_state_id<machine::stt, error>::value] = BINDPLANE_COLLECTOR_STATE_ERROR;
    state_of[msm::back::get_state_id<machine::stt, configuring>::value] = BINDPLANE_COLLECTOR_STATE_CONFIGURING;
    state_of[msm::back::get_state_id<machine::stt, pending>::value] = BINDPLANE_COLLECTOR_STATE_PENDING;
    state_of[msm::back::get_state_id<machine::stt, incompatible>::value] = BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE;
    state_of[msm::back::get_state_id<machine::stt, upgrading>::value] = BINDPLANE_COLLECTOR_STATE_UPGRADING;
}

static inline transit_result fire(machine &m, int trigger, unsigned initiator, uint32_t *g) {
    switch (trigger) {
    case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: return send<disc>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_RECONNECT: return send<reconn>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_FAIL: return send<fail>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_RECOVER: return send<recover>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: return send<configure>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_APPLY: return send<apply>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_QUEUE: return send<queue>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_REJECT: return send<reject>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_UPGRADE: return send<upgrade>(m, initiator, g);
    case BINDPLANE_COLLECTOR_TRIGGER_UPGRADED: return send<upgraded>(m, initiator, g);
    }
    return TRANSIT_INVALID;
}
} // namespace bind

// Fires the stream on started machines; a state is read as MSM's id and numbered as transit's.
template <class Machine, transit_result (*fire)(Machine &, int, unsigned, uint32_t *)>
uint32_t run(const int *state_of, const step *steps, size_t n, uint8_t *trace) {
    Machine conns[CONNECTIONS]; // each made in the initial state
    uint32_t sum = 0, g = GUARD_SEED;
    for (Machine &m : conns)
        m.start();
    for (size_t i = 0; i < n; i++) {
        Machine &m = conns[steps[i].connection];
        sum += (uint32_t)fire(m, steps[i].trigger, steps[i].initiator, &g);
        trace[i] = (uint8_t)state_of[m.current_state()[0]];
    }
    for (Machine &m : conns)
        m.stop();
    return sum;
}

} // namespace

extern "C" uint32_t run_meshery_msm(const step *steps, size_t n, uint8_t *trace) {
    mesh::number_states();
    return run<mesh::machine, mesh::fire>(mesh::state_of, steps, n, trace);
}

extern "C" uint32_t run_bindplane_msm(const step *steps, size_t n, uint8_t *trace) {
    bind::number_states();
    return run<bind::machine, bind::fire>(bind::state_of, steps, n, trace);
}
