/* A state where the compact form's trigger belongs: typesafety.sh requires the compiler to warn
   here. */
#include "meshery_connection.h"

transit_result mistake_compact(meshery_connection_compact *c);

transit_result mistake_compact(meshery_connection_compact *c) {
    return meshery_connection_compact_fire(c, MESHERY_CONNECTION_STATE_CONNECTED, TRANSIT_USER);
}
